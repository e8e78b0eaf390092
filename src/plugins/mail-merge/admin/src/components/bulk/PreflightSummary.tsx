import { Alert, Flex, Tabs, Typography } from '@strapi/design-system';
import { ROUTES } from '../../constants';
import type { Preflight } from '../../services/batches';
import { formatDuration } from '../../utils/formatDuration';
import { useT } from '../../utils/useT';
import { MailFrame } from '../common/MailFrame';
import { RouterLink } from '../common/RouterLink';
import { SkipCountsList } from './SkipCountsList';
import { LabelledSection } from '../common/LabelledSection';

/** The pre-flight of a grouped send: who gets it, who is left out and why, a few rendered mails. */
export const PreflightSummary = ({ preflight }: { preflight: Preflight }) => {
  const t = useT();
  const skippedTotal = preflight.total - preflight.eligible;

  return (
    <Flex direction="column" alignItems="stretch" gap={4} tag="section" aria-label={t('bulk.preflight', 'Pré-contrôle')}>
      <Flex gap={6} wrap="wrap" alignItems="baseline">
        <Typography variant="delta" tag="p" data-testid="preflight-eligible" data-count={preflight.eligible}>
          {t('bulk.preflight.eligible', '{count, plural, =0 {Aucun destinataire ne recevra ce mail} one {# destinataire recevra ce mail} other {# destinataires recevront ce mail}}', {
            count: preflight.eligible,
          })}
        </Typography>
        <Typography textColor="neutral600" data-testid="preflight-total" data-count={preflight.total}>
          {t('bulk.preflight.total', '{count, plural, one {sur # fiche} other {sur # fiches}}', { count: preflight.total })}
        </Typography>
        {preflight.eligible > 0 && (
          <Typography textColor="neutral600">
            {t('bulk.preflight.duration', 'Durée estimée : {duration}', { duration: formatDuration(preflight.estimatedSeconds) })}
          </Typography>
        )}
      </Flex>
      {preflight.from === null && (
        <Alert variant="warning" closeLabel={t('action.close', 'Fermer')} title={t('bulk.preflight.noSender', 'Adresse d’expéditeur manquante')}>
          {t('bulk.preflight.noSender.text', 'Un envoi groupé part de l’adresse de votre profil d’envoi.')}{' '}
          <RouterLink to={ROUTES.profile}>{t('nav.profile', 'Mon profil d’envoi')}</RouterLink>
        </Alert>
      )}
      {preflight.from && (
        <Typography textColor="neutral600">{t('bulk.preflight.from', 'Expéditeur : {address}', { address: preflight.from })}</Typography>
      )}
      <LabelledSection label={t('bulk.preflight.skipped', '{count, plural, =0 {Fiches écartées} one {# fiche écartée} other {# fiches écartées}}', { count: skippedTotal })}>
        <SkipCountsList counts={preflight.skipped} label={t('bulk.preflight.skipped.list', 'Fiches écartées par motif')} />
      </LabelledSection>
      {preflight.sample.length > 0 && (
        <LabelledSection label={t('bulk.preflight.sample', 'Aperçu de quelques destinataires')}>
          <Tabs.Root defaultValue={preflight.sample[0].record.documentId}>
            <Tabs.List aria-label={t('bulk.preflight.sample', 'Aperçu de quelques destinataires')}>
              {preflight.sample.map((mail) => (
                <Tabs.Trigger key={mail.record.documentId} value={mail.record.documentId}>
                  {mail.record.label}
                </Tabs.Trigger>
              ))}
            </Tabs.List>
            {preflight.sample.map((mail) => (
              <Tabs.Content key={mail.record.documentId} value={mail.record.documentId}>
                <Flex direction="column" alignItems="stretch" gap={2} paddingTop={3}>
                  <Typography>
                    <Typography fontWeight="bold">{t('preview.to', 'Destinataire')} : </Typography>
                    {mail.to.join(', ')}
                  </Typography>
                  <Typography>
                    <Typography fontWeight="bold">{t('preview.subject', 'Sujet')} : </Typography>
                    <span data-testid="sample-subject">{mail.subject}</span>
                  </Typography>
                  <MailFrame html={mail.html} height="20rem" title={t('bulk.preflight.sample.body', 'Mail pour {label}', { label: mail.record.label })} />
                </Flex>
              </Tabs.Content>
            ))}
          </Tabs.Root>
        </LabelledSection>
      )}
    </Flex>
  );
};
