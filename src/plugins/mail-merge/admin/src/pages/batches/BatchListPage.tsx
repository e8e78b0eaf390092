import { useEffect, useState } from 'react';
import { Alert, Button, EmptyStateLayout, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useNavigate } from 'react-router-dom';
import { BatchStatusBadge } from '../../components/batches/BatchStatusBadge';
import { leftCount, progressPercent } from '../../components/batches/BatchProgress';
import { RouterLink } from '../../components/common/RouterLink';
import { BATCH_STATUS, ROUTES } from '../../constants';
import { isFinished, useGetBatchesQuery } from '../../services/batches';
import { usePages } from '../../services/pages';
import { useErrorMessage } from '../../utils/errors';
import { useT } from '../../utils/useT';
import { MUTUAL_TIME_ZONE } from '../../utils/parisTime';

const POLL_MS = 5000;

/** « Envois groupés »: the grouped sends, newest first; the running ones are read again every few seconds. */
export const BatchListPage = () => {
  const t = useT();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const { formatDate } = useIntl();
  const { pages } = usePages();
  const title = t('batches.title', 'Envois groupés');
  const [pollingInterval, setPollingInterval] = useState(0);
  const { data, error: failure, refetch } = useGetBatchesQuery(undefined, { pollingInterval, refetchOnMountOrArgChange: true });
  const batches = data?.data ?? null;
  const error = failure ? errorMessage(failure) : null;
  const running = Boolean(batches?.some((batch) => !isFinished(batch)));
  useEffect(() => setPollingInterval(running && !failure ? POLL_MS : 0), [running, failure]);

  const pageLabel = (key: string) => {
    const p = pages.find((page) => page.key === key);
    return p ? `${p.module} › ${p.page}` : key;
  };

  if (!batches && !error) return <Page.Loading />;

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={t('batches.subtitle', 'Les mails groupés lancés depuis les listes du Content Manager, du plus récent au plus ancien')}
        primaryAction={
          <Button variant="secondary" startIcon={<ArrowClockwise />} onClick={() => refetch()}>
            {t('messages.refresh', 'Actualiser')}
          </Button>
        }
      />
      <Layouts.Content>
        {error && (
          <Alert variant="danger" closeLabel={t('action.close', 'Fermer')} title={t('batches.error', 'Impossible de lire les envois groupés')}>
            {error}
          </Alert>
        )}
        {batches && batches.length === 0 && (
          <EmptyStateLayout
            content={t('batches.empty', 'Aucun envoi groupé. Cochez des fiches dans une liste du Content Manager puis choisissez « Envoyer un mail groupé ».')}
          />
        )}
        {batches && batches.length > 0 && (
          <Table colCount={6} rowCount={batches.length + 1}>
            <Thead>
              <Tr>
                <Th><Typography variant="sigma">{t('batches.date', 'Lancé le')}</Typography></Th>
                <Th><Typography variant="sigma">{t('messages.template', 'Modèle')}</Typography></Th>
                <Th><Typography variant="sigma">{t('messages.page', 'Page')}</Typography></Th>
                <Th><Typography variant="sigma">{t('messages.status', 'Statut')}</Typography></Th>
                <Th><Typography variant="sigma">{t('batches.progress', 'Envoyés / total')}</Typography></Th>
                <Th><Typography variant="sigma">{t('batches.by', 'Par')}</Typography></Th>
              </Tr>
            </Thead>
            <Tbody>
              {batches.map((batch) => (
                <Tr key={batch.documentId} data-batch={batch.documentId} onClick={() => navigate(ROUTES.batch(batch.documentId))} style={{ cursor: 'pointer' }}>
                  <Td>
                    <Typography>{formatDate(batch.createdAt, { dateStyle: 'short', timeStyle: 'short' })}</Typography>
                    {batch.status === BATCH_STATUS.scheduled && batch.scheduledAt && (
                      <Typography variant="pi" textColor="neutral600" tag="p" data-scheduled-at={batch.scheduledAt}>
                        {t('batches.scheduledFor', 'Programmé pour le {date}', {
                          date: formatDate(batch.scheduledAt, { dateStyle: 'short', timeStyle: 'short', timeZone: MUTUAL_TIME_ZONE }),
                        })}
                      </Typography>
                    )}
                  </Td>
                  <Td><RouterLink to={ROUTES.batch(batch.documentId)}>{batch.templateTitle}</RouterLink></Td>
                  <Td><Typography>{pageLabel(batch.page)}</Typography></Td>
                  <Td><BatchStatusBadge status={batch.status} /></Td>
                  <Td>
                    <Typography>
                      {batch.status === BATCH_STATUS.cancelled
                        ? t('batches.progress.cancelled', '{sent} / {total}, {cancelled} annulés', {
                            sent: batch.counts.sent,
                            total: batch.counts.total,
                            cancelled: batch.counts.cancelled + leftCount(batch),
                          })
                        : t('batches.progress.value', '{sent} / {total} ({percent} %)', { sent: batch.counts.sent, total: batch.counts.total, percent: progressPercent(batch) })}
                    </Typography>
                  </Td>
                  <Td><Typography>{batch.createdByName ?? '—'}</Typography></Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </Layouts.Content>
    </Page.Main>
  );
};
