import { Alert, Flex, Typography } from '@strapi/design-system';
import type { FieldTarget } from '../../utils/mergeFields';
import { fieldToken } from '../../utils/mergeFields';
import { useT } from '../../utils/useT';
import { FieldChip } from '../common/FieldChip';

/** Lists the merge fields the chosen extraction does not provide, and where they are. */
export const UnknownFieldsAlert = ({ unknown, extractionTitle }: { unknown: Record<FieldTarget, string[]>; extractionTitle?: string }) => {
  const t = useT();
  const labels: Record<FieldTarget, string> = {
    recipient: t('templates.field.recipient', 'Destinataire'),
    subject: t('templates.field.subject', 'Sujet'),
    body: t('templates.field.body', 'Corps'),
  };
  const entries = (Object.keys(unknown) as FieldTarget[]).filter((target) => unknown[target].length > 0);
  if (entries.length === 0) return null;
  return (
    <Alert variant="warning" closeLabel={t('action.close', 'Fermer')} title={t('unknown.title', 'Champs de fusion inconnus')} role="alert">
      <Flex direction="column" alignItems="flex-start" gap={2} paddingTop={1}>
        <Typography>
          {t('unknown.intro', 'L’extraction « {extraction} » ne fournit pas ces champs ; corrigez-les ou supprimez-les avant d’enregistrer.', {
            extraction: extractionTitle ?? '',
          })}
        </Typography>
        {entries.map((target) => (
          <Flex key={target} gap={2} wrap="wrap" alignItems="center">
            <Typography fontWeight="semiBold">{labels[target]} :</Typography>
            {unknown[target].map((field) => (
              <FieldChip key={field} $unknown data-unknown-field={field}>
                {fieldToken(field)}
              </FieldChip>
            ))}
          </Flex>
        ))}
      </Flex>
    </Alert>
  );
};
