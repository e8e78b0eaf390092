import { Alert } from '@strapi/design-system';
import { MESSAGE_STATUS } from '../../constants';
import type { MessageSummary } from '../../services/messages';
import { useT } from '../../utils/useT';

/** What the ledger says went wrong: a delivery error, a bounce (its diagnostic) or a delay. */
export const DeliveryError = ({ message }: { message: Pick<MessageSummary, 'status' | 'errorCode' | 'error'> }) => {
  const t = useT();
  if (!message.error) return null;
  const delayed = message.errorCode === 'soft-bounce';
  const title =
    message.status === MESSAGE_STATUS.bounced
      ? t('messages.bounced', 'Non distribué : le serveur du destinataire a renvoyé le mail')
      : delayed
        ? t('messages.delayed', 'Remise retardée (le serveur du destinataire réessaie)')
        : t('messages.failure', 'Erreur d’envoi');
  return (
    <Alert variant={delayed ? 'warning' : 'danger'} closeLabel={t('action.close', 'Fermer')} title={title} data-error-code={message.errorCode ?? undefined}>
      {message.error}
    </Alert>
  );
};
