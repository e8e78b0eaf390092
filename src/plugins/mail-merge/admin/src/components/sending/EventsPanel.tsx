import { useEffect, useState } from 'react';
import { Badge, Box, Flex, Loader, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { useRBAC } from '@strapi/strapi/admin';
import { PERMISSIONS } from '../../constants';
import { usePageOf } from '../../services/pageOf';
import { useSendingApi, type MailEvent } from '../../services/sending';
import { useErrorMessage } from '../../utils/errors';
import { useT } from '../../utils/useT';

const STATUS: Record<string, { id: string; label: string; text: string; background: string }> = {
  sent: { id: 'status.sent', label: 'envoyé', text: 'success700', background: 'success100' },
  queued: { id: 'status.queued', label: 'en file', text: 'neutral700', background: 'neutral150' },
  sending: { id: 'status.sending', label: 'en cours', text: 'primary700', background: 'primary100' },
  failed: { id: 'status.failed', label: 'échec', text: 'danger700', background: 'danger100' },
  uncertain: { id: 'status.uncertain', label: 'incertain', text: 'warning700', background: 'warning100' },
  held: { id: 'status.held', label: 'en pause', text: 'neutral700', background: 'neutral150' },
  cancelled: { id: 'status.cancelled', label: 'annulé', text: 'neutral600', background: 'neutral150' },
  skipped: { id: 'status.skipped', label: 'non envoyé', text: 'neutral600', background: 'neutral150' },
};

export const StatusBadge = ({ status }: { status: string | null }) => {
  const t = useT();
  if (!status) return null;
  const s = STATUS[status];
  if (!s) return <Badge>{status}</Badge>;
  return (
    <Badge textColor={s.text as any} backgroundColor={s.background as any} data-status={status}>
      {t(s.id, s.label)}
    </Badge>
  );
};

const EventsList = ({ page, record }: { page: string; record: string }) => {
  const t = useT();
  const api = useSendingApi();
  const errorMessage = useErrorMessage();
  const { formatDate } = useIntl();
  const [events, setEvents] = useState<MailEvent[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const onSent = (e: Event) => {
      const detail = (e as CustomEvent).detail;
      if (detail?.record === record) setTick((n) => n + 1);
    };
    window.addEventListener('mail-merge:sent', onSent);
    return () => window.removeEventListener('mail-merge:sent', onSent);
  }, [record]);

  useEffect(() => {
    let cancelled = false;
    api
      .events(page, record)
      .then((list) => !cancelled && (setEvents(list), setError(null)))
      .catch((e) => !cancelled && setError(errorMessage(e)));
    return () => {
      cancelled = true;
    };
  }, [api, errorMessage, page, record, tick]);

  // A mail just queued changes status within seconds: look again while one is not final.
  useEffect(() => {
    if (!events?.some((e) => e.status === 'queued' || e.status === 'sending')) return;
    const timer = window.setTimeout(() => setTick((n) => n + 1), 2000);
    return () => window.clearTimeout(timer);
  }, [events]);

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
export const EventsPanel = ({ model, documentId }: { model: string; documentId?: string }) => {
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
