import { Flex, Loader, Typography } from '@strapi/design-system';
import { useRBAC } from '@strapi/strapi/admin';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { CONSENT_LEVEL, PERMISSIONS } from '../../constants';
import { usePageOf } from '../../services/pageOf';
import type { Page } from '../../services/pages';
import { useGetConsentQuery } from '../../services/sending';
import { useErrorMessage } from '../../utils/errors';
import { useT } from '../../utils/useT';

const LEVELS: Record<string, [string, string]> = {
  [CONSENT_LEVEL.refus]: ['consent.level.refus', 'Refus (0)'],
  [CONSENT_LEVEL.interne]: ['consent.level.interne', 'Interne (1)'],
  [CONSENT_LEVEL.limite]: ['consent.level.limite', 'Limité (2)'],
  [CONSENT_LEVEL.public]: ['consent.level.public', 'Public (3)'],
};

/** Insured person or dependant, when the page says how to tell them apart; else the membership alone. */
const memberOf = (page: Page, document: Record<string, unknown> | undefined): 'insured' | 'dependant' | null => {
  if (!page.memberRole) return null;
  return document?.[page.memberRole.field] === page.memberRole.dependant ? 'dependant' : 'insured';
};

const Membership = ({ pageKey, documentId, member }: { pageKey: string; documentId: string; member: 'insured' | 'dependant' | null }) => {
  const t = useT();
  const errorMessage = useErrorMessage();
  // Read fresh each time the panel opens; a consent changed meanwhile is read again (its tag).
  const { currentData, error } = useGetConsentQuery({ page: pageKey, documentId }, { refetchOnMountOrArgChange: true });
  const consent = currentData?.data;

  if (error) return <Typography variant="pi" textColor="neutral600">{errorMessage(error)}</Typography>;
  if (!consent) return <Loader small>{t('membership.loading', 'Lecture de l’adhésion…')}</Loader>;
  const form = { adhesion: consent.holder.label, email: consent.levels.email };
  const [levelId, levelLabel] = LEVELS[form.email] ?? [form.email, form.email];
  return (
    <Flex direction="column" alignItems="flex-start" gap={2} data-testid="membership-panel">
      <Typography variant="omega" fontWeight="semiBold">
        {member === 'dependant'
          ? t('membership.dependant', 'Ayant droit de l’adhésion {adhesion}', { adhesion: form.adhesion })
          : member === 'insured'
            ? t('membership.insured', 'Assuré de l’adhésion {adhesion}', { adhesion: form.adhesion })
            : t('membership.member', 'Adhésion {adhesion}', { adhesion: form.adhesion })}
      </Typography>
      <Typography variant="pi" textColor="neutral700">
        {t('membership.email', 'Consentement « Adresse électronique » : {level}', { level: t(levelId, levelLabel) })}
      </Typography>
      {form.email === CONSENT_LEVEL.refus && (
        <Typography variant="pi" textColor="danger600">
          {t('membership.refused', 'L’adhérent refuse l’usage de l’adresse électronique : « Envoyer un mail » n’est pas proposé pour les membres de l’adhésion.')}
        </Typography>
      )}
    </Flex>
  );
};

/**
 * Edit view side panel on the records of a consent-gated page (beneficiaries): insured or
 * dependant, and the membership's e-mail consent, so that the absence of « Envoyer un mail »
 * (consent « Refus ») is never a mystery.
 */
export const MembershipPanel: PanelComponent = ({ model, documentId, document }) => {
  const t = useT();
  const { allowedActions, isLoading } = useRBAC(PERMISSIONS.events);
  const { page } = usePageOf(model);
  const allowed = allowedActions.canSendSingle || allowedActions.canSendBulk || allowedActions.canMessagesRead;
  if (!page?.consentForm || isLoading || !allowed || !documentId || documentId === 'create') return null;
  return {
    title: t('membership.title', 'Bénéficiaire et consentement'),
    content: <Membership pageKey={page.key} documentId={documentId} member={memberOf(page, document)} />,
  };
};
