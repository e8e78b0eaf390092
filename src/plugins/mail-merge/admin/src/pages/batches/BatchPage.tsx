import { Alert, Box, Flex, Typography } from '@strapi/design-system';
import { BackButton, Layouts, Page, useRBAC } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useParams } from 'react-router-dom';
import { BatchControls } from '../../components/batches/BatchControls';
import { BatchProgress } from '../../components/batches/BatchProgress';
import { BatchStatusBadge } from '../../components/batches/BatchStatusBadge';
import { SkipCountsList } from '../../components/bulk/SkipCountsList';
import { Panel } from '../../components/common/Panel';
import { RouterLink } from '../../components/common/RouterLink';
import { BATCH_STATUS, PERMISSIONS, ROUTES } from '../../constants';
import { useBatch } from '../../hooks/useBatch';
import { usePages } from '../../services/pages';
import { useErrorMessage } from '../../utils/errors';
import type { Translate } from '../../utils/useT';
import { useT } from '../../utils/useT';
import { MUTUAL_TIME_ZONE } from '../../utils/parisTime';

const pausedReasonText = (t: Translate, reason: string | null) => {
  if (reason === 'error-ratio') return t('batch.paused.error-ratio', 'Mis en pause automatiquement : trop d’échecs. Vérifiez le serveur de mail puis reprenez l’envoi.');
  if (reason) return t('batch.paused.other', 'Mis en pause automatiquement ({reason}).', { reason });
  return t('batch.paused.manual', 'Mis en pause par un gestionnaire.');
};

/** One grouped send: its progress (read every second until it ends) and what can be done with it. */
export const BatchPage = () => {
  const t = useT();
  const { id } = useParams<{ id: string }>();
  const { formatDate } = useIntl();
  const errorMessage = useErrorMessage();
  const { pages } = usePages();
  const { allowedActions } = useRBAC(PERMISSIONS.batches);
  const { batch, error } = useBatch(id);

  if (!batch && !error) return <Page.Loading />;
  if (!batch) {
    return (
      <Page.Main>
        <Layouts.Header title={t('batches.title', 'Envois groupés')} navigationAction={<BackButton fallback={ROUTES.batches} />} />
        <Layouts.Content>
          <Alert variant="danger" closeLabel={t('action.close', 'Fermer')} title={t('batch.loadError', 'Envoi groupé introuvable')}>
            {errorMessage(error)}
          </Alert>
        </Layouts.Content>
      </Page.Main>
    );
  }

  const page = pages.find((p) => p.key === batch.page);
  const title = batch.templateTitle;

  return (
    <Page.Main>
      <Page.Title>{t('batch.pageTitle', 'Envoi groupé : {title}', { title })}</Page.Title>
      <Layouts.Header
        title={title}
        navigationAction={<BackButton fallback={ROUTES.batches} />}
        subtitle={t('batch.subtitle', '{page} · lancé le {date} par {name}', {
          page: page ? `${page.module} › ${page.page}` : batch.page,
          date: formatDate(batch.createdAt, { dateStyle: 'short', timeStyle: 'short' }),
          name: batch.createdByName ?? '—',
        })}
        secondaryAction={<BatchStatusBadge status={batch.status} />}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {batch.status === BATCH_STATUS.paused && (
            <Alert variant="warning" closeLabel={t('action.close', 'Fermer')} title={t('batch.paused', 'Envoi en pause')} role="status">
              {pausedReasonText(t, batch.pausedReason)}
            </Alert>
          )}
          {batch.scheduledAt && (batch.status === BATCH_STATUS.scheduled || !batch.prepared) && (
            <Typography textColor="neutral600" data-scheduled-at={batch.scheduledAt}>
              {t('batch.scheduledFor', 'Programmé pour le {date} (heure de Paris) : rien ne part avant.', {
                date: formatDate(batch.scheduledAt, { dateStyle: 'short', timeStyle: 'short', timeZone: MUTUAL_TIME_ZONE }),
              })}
            </Typography>
          )}
          {batch.priority && <Typography textColor="neutral600">{t('send.priority', 'Envoi prioritaire')}</Typography>}
          <Panel title={t('batch.progress', 'Avancement de l’envoi')} action={<BatchControls batch={batch} canManage={Boolean(allowedActions.canSendBulk)} />}>
            <BatchProgress batch={batch} />
            {batch.finishedAt && (
              <Typography textColor="neutral600">
                {batch.status === BATCH_STATUS.cancelled
                  ? t('batch.cancelledAt', 'Annulé le {date}', { date: formatDate(batch.finishedAt, { dateStyle: 'short', timeStyle: 'medium' }) })
                  : t('batch.finishedAt', 'Terminé le {date}', { date: formatDate(batch.finishedAt, { dateStyle: 'short', timeStyle: 'medium' }) })}
              </Typography>
            )}
            {allowedActions.canMessagesRead && (
              <Box>
                <RouterLink to={`${ROUTES.messages}?batch=${encodeURIComponent(batch.documentId)}`}>{t('batch.messages', 'Voir les mails de cet envoi')}</RouterLink>
              </Box>
            )}
          </Panel>
          {batch.counts.skipped > 0 && (
            <Panel title={t('batch.skipped', 'Fiches écartées')} subtitle={t('batch.skipped.hint', 'Ces fiches n’ont reçu aucun mail ; le rapport CSV les détaille.')}>
              <Box>
                <SkipCountsList counts={batch.counts.skippedByReason} label={t('bulk.preflight.skipped.list', 'Fiches écartées par motif')} />
              </Box>
            </Panel>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};
