import { Box, Flex, ProgressBar, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { styled } from 'styled-components';
import { BATCH_STATUS } from '../../constants';
import { isFinished, settledCount, type Batch } from '../../services/batches';
import { formatDuration } from '../../utils/formatDuration';
import { useT } from '../../utils/useT';

/** The design system's bar, drawn for a light page and as wide as its panel. */
const Bar = styled(ProgressBar)`
  width: 100%;
  height: 1.2rem;
  background-color: ${({ theme }) => theme.colors.neutral150};
  & > div {
    background-color: ${({ theme }) => theme.colors.primary600};
  }
`;

/**
 * Share of recipients whose outcome is known; 100 only once the batch is done. The mails a
 * cancellation stopped are not an outcome: a cancelled batch shows how far it went, never 100 %.
 */
export const progressPercent = (batch: Batch) => {
  const { total } = batch.counts;
  const processed = processedCount(batch);
  if (batch.status === BATCH_STATUS.done && settledCount(batch) >= total) return 100;
  if (total === 0) return 0;
  return Math.min(99, Math.floor(((batch.status === BATCH_STATUS.cancelled ? processed : settledCount(batch)) / total) * 100));
};

/** Recipients the batch dealt with (sent, failed, set aside, uncertain): not the cancelled ones. */
export const processedCount = ({ counts }: Pick<Batch, 'counts'>) => counts.sent + counts.failed + counts.skipped + counts.uncertain + counts.bounced;

/** Mails that were still to go (waiting) — for a cancelled batch, the ones it cancelled. */
export const leftCount = ({ counts }: Pick<Batch, 'counts'>) => counts.queued + counts.held + counts.sending;

const Figure = ({ label, value, name }: { label: string; value: number; name: string }) => (
  <Flex direction="column" alignItems="flex-start" gap={1} data-figure={name}>
    <Typography variant="sigma" textColor="neutral600">
      {label}
    </Typography>
    <Typography variant="beta" tag="p" data-value={value}>
      {value}
    </Typography>
  </Flex>
);

/** The bar, the counts of the batch, its recent rate and the time left. */
export const BatchProgress = ({ batch }: { batch: Batch }) => {
  const t = useT();
  const { formatNumber } = useIntl();
  const { counts } = batch;
  const percent = progressPercent(batch);
  const waiting = counts.queued + counts.held + counts.sending;
  const label = t('batch.progress.bar', 'Destinataires traités');

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Flex justifyContent="space-between">
          <Typography variant="pi" fontWeight="bold" id="mm-batch-progress">
            {label}
          </Typography>
          <Typography variant="pi" textColor="neutral600" data-progress-text>
            {batch.status === BATCH_STATUS.cancelled
              ? t('batch.progress.cancelled', 'Annulé : {processed} / {total} traités ({percent} %), {cancelled} annulés', {
                  processed: processedCount(batch),
                  total: counts.total,
                  percent,
                  cancelled: counts.cancelled + waiting,
                })
              : t('batch.progress.value', '{settled} / {total} ({percent} %)', { settled: settledCount(batch), total: counts.total, percent })}
          </Typography>
        </Flex>
        <Bar value={percent} aria-labelledby="mm-batch-progress" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100} />
      </Flex>
      <Flex gap={8} wrap="wrap">
        <Figure name="sent" label={t('batch.count.sent', 'Envoyés')} value={counts.sent} />
        <Figure name="failed" label={t('batch.count.failed', 'En échec')} value={counts.failed} />
        <Figure name="skipped" label={t('batch.count.skipped', 'Écartés')} value={counts.skipped} />
        <Figure name="waiting" label={t('batch.count.waiting', 'En attente')} value={waiting} />
        {counts.uncertain > 0 && <Figure name="uncertain" label={t('batch.count.uncertain', 'Incertains')} value={counts.uncertain} />}
        {/* Mails the relay accepted and whose delivery status notification said they failed. */}
        {counts.bounced > 0 && <Figure name="bounced" label={t('batch.count.bounced', 'Non distribués')} value={counts.bounced} />}
        {counts.cancelled > 0 && <Figure name="cancelled" label={t('batch.count.cancelled', 'Annulés')} value={counts.cancelled} />}
        <Figure name="total" label={t('batch.count.total', 'Total')} value={counts.total} />
      </Flex>
      {batch.status === BATCH_STATUS.paused && (
        <Box data-paused-figures>
          <Typography textColor="neutral600">
            {batch.rate !== null
              ? t('batch.rate.measured', 'Débit mesuré avant la pause : {rate} mails/s', { rate: formatNumber(batch.rate, { maximumFractionDigits: 1 }) })
              : t('batch.rate.none', 'Débit : pas encore mesuré')}
            {' · '}
            {t('batch.left', 'Reste à envoyer : {count, plural, =0 {aucun mail} one {# mail} other {# mails}}', { count: waiting })}
          </Typography>
        </Box>
      )}
      {!isFinished(batch) && batch.status !== BATCH_STATUS.paused && (
        <Box>
          <Typography textColor="neutral600">
            {batch.rate !== null
              ? t('batch.rate', 'Débit : {rate} mails/s', { rate: formatNumber(batch.rate, { maximumFractionDigits: 1 }) })
              : t('batch.rate.none', 'Débit : pas encore mesuré')}
            {' · '}
            {batch.etaSeconds !== null
              ? t('batch.eta', 'Temps restant estimé : {duration}', { duration: formatDuration(batch.etaSeconds) })
              : t('batch.eta.none', 'Temps restant : inconnu')}
          </Typography>
        </Box>
      )}
    </Flex>
  );
};
