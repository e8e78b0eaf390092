import { Shield } from '@strapi/icons';
import { useRBAC } from '@strapi/strapi/admin';
import type { DocumentActionComponent } from '@strapi/content-manager/strapi-admin';
import { useNavigate } from 'react-router-dom';
import { PERMISSIONS, ROUTES } from '../../constants';
import { usePageOf } from '../../services/pageOf';
import { useT } from '../../utils/useT';

/**
 * « Gérer les notifications » on the records of a consent-gated page (beneficiaries) and on the
 * membership itself (the adhesion): opens the membership's « Notifications & Consentements » page
 * for users who send or follow mail; a change is saved only if the server finds the right to
 * update that membership in the Content Manager.
 */
export const ConsentAction: DocumentActionComponent = ({ model, documentId }) => {
  const t = useT();
  const navigate = useNavigate();
  const { page, isConsentHolder } = usePageOf(model);
  const { allowedActions, isLoading } = useRBAC(PERMISSIONS.events);
  // On the adhesion itself the server is told `holder`: the record is the membership.
  const pageKey = isConsentHolder ? 'holder' : page?.consentForm ? page.key : null;
  const mayRead = allowedActions.canSendSingle || allowedActions.canSendBulk || allowedActions.canMessagesRead;
  if (isLoading || !mayRead || !pageKey || !documentId) return null;
  return {
    label: t('consent.action', 'Gérer les notifications'),
    icon: <Shield />,
    onClick: () => {
      navigate(ROUTES.notifications(pageKey, documentId));
    },
  };
};
