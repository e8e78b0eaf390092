import { useState } from 'react';
import { Alert, Button, Flex, Loader, Modal } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { MESSAGE_STATUS } from '../../constants';
import { useGetMessageQuery, useResendMessageMutation, type MessageSummary } from '../../services/messages';
import { useErrorMessage } from '../../utils/errors';
import { useT } from '../../utils/useT';
import { MailFrame } from '../common/MailFrame';
import { StatusBadge } from '../sending/EventsPanel';
import { LabelledLine } from '../common/LabelledLine';
import { DeliveryError } from './DeliveryError';

const Line = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <LabelledLine label={label} labelWidth="12rem">
    {children}
  </LabelledLine>
);

const canResend = (m: MessageSummary) => m.status === MESSAGE_STATUS.failed || m.status === MESSAGE_STATUS.uncertain;

const formatSize = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} Mo` : `${Math.max(1, Math.round(bytes / 1024))} Ko`);
const list = (values: string[] | null | undefined) => (values && values.length > 0 ? values.join(', ') : '—');

type Props = { id: string; onClose: () => void; onResent: () => void; mayResend: boolean };

/** One message: headers, the rendered mail in a sandboxed frame, the error, « Renvoyer ». */
export const MessageModal = ({ id, onClose, onResent, mayResend }: Props) => {
  const t = useT();
  const errorMessage = useErrorMessage();
  const { formatDate } = useIntl();
  const { toggleNotification } = useNotification();
  const { currentData, error: loadError } = useGetMessageQuery({ documentId: id }, { refetchOnMountOrArgChange: true });
  const [resendMessage] = useResendMessageMutation();
  const message = currentData?.data ?? null;
  const [resendError, setResendError] = useState<string | null>(null);
  const error = resendError ?? (loadError ? errorMessage(loadError) : null);
  const [resending, setResending] = useState(false);

  const resend = async () => {
    setResending(true);
    setResendError(null);
    try {
      await resendMessage({ documentId: id }).unwrap();
      toggleNotification({ type: 'success', message: t('messages.resent', 'Mail remis en file d’envoi.') });
      onResent();
      onClose();
    } catch (e) {
      setResendError(errorMessage(e));
    } finally {
      setResending(false);
    }
  };

  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content style={{ width: 'min(90rem, 92vw)', maxWidth: 'none' }}>
        <Modal.Header>
          <Modal.Title>{message?.subject ?? t('messages.detail', 'Détail du mail')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {!message && !error && <Loader small>{t('messages.loading', 'Chargement…')}</Loader>}
          <Flex direction="column" alignItems="stretch" gap={4}>
            {error && (
              <Alert variant="danger" closeLabel={t('action.close', 'Fermer')} title={t('messages.error', 'Erreur')}>
                {error}
              </Alert>
            )}
            {message && (
              <>
                <Flex direction="column" alignItems="stretch" gap={2}>
                  <Line label={t('messages.status', 'Statut')}>
                    <StatusBadge status={message.status} />
                  </Line>
                  <Line label={t('send.from', 'Expéditeur')}>{message.fromAddress}</Line>
                  <Line label={t('send.to', 'Pour')}>{list(message.to)}</Line>
                  <Line label={t('send.cc', 'Copie à')}>{list(message.cc)}</Line>
                  <Line label={t('send.bcc', 'Copie cachée')}>{list(message.bcc)}</Line>
                  <Line label={t('messages.template', 'Modèle')}>{message.templateTitle ?? '—'}</Line>
                  <Line label={t('send.priority', 'Envoi prioritaire')}>{message.priority ? t('common.yes', 'Oui') : t('common.no', 'Non')}</Line>
                  <Line label={t('send.attachments', 'Pièce(s) jointe(s)')}>
                    {message.attachments?.length
                      ? message.attachments.map((file) => `${file.filename} (${formatSize(file.size)})`).join(', ')
                      : '—'}
                  </Line>
                  <Line label={t('messages.createdAt', 'Créé le')}>{formatDate(message.createdAt, { dateStyle: 'short', timeStyle: 'short' })}</Line>
                  <Line label={t('messages.sentAt', 'Envoyé le')}>{message.sentAt ? formatDate(message.sentAt, { dateStyle: 'short', timeStyle: 'short' }) : '—'}</Line>
                  <Line label={t('messages.attempts', 'Tentatives')}>{String(message.attempts ?? 0)}</Line>
                  <Line label={t('messages.sentBy', 'Envoyé par')}>{message.sentByName ?? '—'}</Line>
                </Flex>
                <DeliveryError message={message} />
                {message.purgedAt ? (
                  <Alert variant="default" closeLabel={t('action.close', 'Fermer')} title={t('messages.purged.title', 'Contenu effacé')}>
                    {t('messages.purged.body', 'Le contenu de ce mail a été effacé le {date} (durée de conservation) : restent les destinataires, l’objet, le modèle, les dates et le résultat.', {
                      date: formatDate(message.purgedAt, { dateStyle: 'short' }),
                    })}
                  </Alert>
                ) : (
                  <MailFrame title={t('messages.rendered', 'Mail envoyé')} html={message.html ?? ''} />
                )}
              </>
            )}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Button variant="tertiary" onClick={onClose}>
            {t('action.close', 'Fermer')}
          </Button>
          {message && mayResend && canResend(message) && (
            <Button startIcon={<ArrowClockwise />} onClick={resend} loading={resending}>
              {t('messages.resend', 'Renvoyer')}
            </Button>
          )}
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
