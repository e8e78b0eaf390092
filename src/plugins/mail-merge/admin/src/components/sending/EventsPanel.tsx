import { useEffect, useState } from 'react';
import { Box, Flex, Loader, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { useRBAC } from '@strapi/strapi/admin';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { MESSAGE_STATUS, PERMISSIONS, type MessageStatus } from '../../constants';
import { usePageOf } from '../../services/pageOf';
import { useGetRecordEventsQuery } from '../../services/sending';
import { useErrorMessage } from '../../utils/errors';
import { useT } from '../../utils/useT';
import { StatusLabel, type StatusLook } from '../common/StatusLabel';

const POLL_MS = 2000;

const STATUS: Record<MessageStatus, StatusLook> = {
  [MESSAGE_STATUS.sent]: { id: 'status.sent', label: 'envoyé', text: 'success700', background: 'success100' },
  [MESSAGE_STATUS.queued]: { id: 'status.queued', label: 'en file', text: 'neutral700', background: 'neutral150' },
  [MESSAGE_STATUS.sending]: { id: 'status.sending', label: 'en cours', text: 'primary700', background: 'primary100' },
  [MESSAGE_STATUS.failed]: { id: 'status.failed', label: 'échec', text: 'danger700', background: 'danger100' },
  [MESSAGE_STATUS.uncertain]: { id: 'status.uncertain', label: 'incertain', text: 'warning700', background: 'warning100' },
  [MESSAGE_STATUS.held]: { id: 'status.held', label: 'en pause', text: 'neutral700', background: 'neutral150' },
  [MESSAGE_STATUS.cancelled]: { id: 'status.cancelled', label: 'annulé', text: 'neutral600', background: 'neutral150' },
  [MESSAGE_STATUS.skipped]: { id: 'status.skipped', label: 'non envoyé', text: 'neutral600', background: 'neutral150' },
  [MESSAGE_STATUS.bounced]: { id: 'status.bounced', label: 'non distribué', text: 'danger700', background: 'danger100' },
};

export const StatusBadge = ({ status }: { status: string | null }) =>
  status ? <StatusLabel looks={STATUS} status={status} data-status={status} /> : null;

const EventsList = ({ page, record }: { page: string; record: string }) => {
  const t = useT();
  const errorMessage = useErrorMessage();
  const { formatDate } = useIntl();
  const [pollingInterval, setPollingInterval] = useState(0);
  const { currentData, error: failure, refetch } = useGetRecordEventsQuery({ page, documentId: record }, { pollingInterval, refetchOnMountOrArgChange: true });
  const events = currentData?.data ?? null;
  const error = failure ? errorMessage(failure) : null;

  // « Envoyer un mail » of this record (its mutation also invalidates the events).
  useEffect(() => {
    const onSent = (e: Event) => {
      const detail = (e as CustomEvent).detail;
      if (detail?.record === record) refetch();
    };
    window.addEventListener('mail-merge:sent', onSent);
    return () => window.removeEventListener('mail-merge:sent', onSent);
  }, [record, refetch]);

  // A mail just queued changes status within seconds: look again while one is not final.
  const pending = Boolean(events?.some((e) => e.status === MESSAGE_STATUS.queued || e.status === MESSAGE_STATUS.sending));
  useEffect(() => setPollingInterval(pending ? POLL_MS : 0), [pending]);

  if (error) return <Typography variant="pi" textColor="danger600">{error}</Typography>;
  if (!events) return <Loader small>{t('events.loading', 'Chargement des événements…')}</Loader>;
  if (events.length === 0) return <Typography variant="pi" textColor="neutral600">{t('events.empty', 'Aucun événement pour cette fiche.')}</Typography>;

  return (
    <Flex tag="ol" direction="column" alignItems="stretch" gap={3} width="100%" aria-label={t('events.title', 'Événements')}>
      {events.map((event, index) => (
        <Box tag="li" key={`${event.createdAt}-${index}`} data-event>
          <Flex direction="column" alignItems="flex-start" gap={1}>
            <Typography variant="omega" fontWeight="semiBold" textColor="neutral800">
              {event.label}
            </Typography>
            <Flex gap={2} alignItems="center" wrap="wrap">
              <Typography variant="pi" textColor="neutral600">
                {formatDate(event.createdAt, { dateStyle: 'short', timeStyle: 'short' })}
                {event.authorName ? ` · ${event.authorName}` : ''}
              </Typography>
              <StatusBadge status={event.status} />
            </Flex>
          </Flex>
        </Box>
      ))}
    </Flex>
  );
};

/** Content Manager edit-view side panel « Événements »: the record's mail events, newest first. */
export const EventsPanel: PanelComponent = ({ model, documentId }) => {
  const t = useT();
  const { page } = usePageOf(model);
  const { allowedActions, isLoading } = useRBAC(PERMISSIONS.events);
  const allowed = allowedActions.canSendSingle || allowedActions.canSendBulk || allowedActions.canMessagesRead;
  if (isLoading || !allowed || !page || !documentId || documentId === 'create') return null;
  return {
    title: t('events.title', 'Événements'),
    content: <EventsList page={page.key} record={documentId} />,
  };
};
