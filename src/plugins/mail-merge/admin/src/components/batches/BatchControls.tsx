import { useState } from 'react';
import { Button, Flex, Typography } from '@strapi/design-system';
import { ArrowClockwise, Clock, Cross, FileCsv, Play } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { BATCH_STATUS, PAUSABLE_BATCH_STATUSES } from '../../constants';
import { isFinished, useActOnBatchMutation, useGetBatchReportMutation, type Batch, type BatchAction, type BatchStatus } from '../../services/batches';
import { useErrorMessage } from '../../utils/errors';
import { saveBlob } from '../../utils/saveBlob';
import { useT } from '../../utils/useT';
import { ConfirmDialog } from '../common/ConfirmDialog';

type Action = BatchAction;

type Props = { batch: Batch; canManage: boolean };

/** Pause, Reprendre, Annuler (confirmed), Relancer les échecs, and the CSV report. */
export const BatchControls = ({ batch, canManage }: Props) => {
  const t = useT();
  const [actOnBatch] = useActOnBatchMutation();
  const [getReport] = useGetBatchReportMutation();
  const errorMessage = useErrorMessage();
  const { toggleNotification } = useNotification();
  const [busy, setBusy] = useState<Action | 'report' | null>(null);
  const [confirmCancel, setConfirmCancel] = useState(false);
  // A programmed send can be paused before its time, as a running one.
  const running = (PAUSABLE_BATCH_STATUSES as readonly BatchStatus[]).includes(batch.status);

  const act = async (action: Action) => {
    setBusy(action);
    try {
      // The batch's page shows the answer (services/batches.ts).
      await actOnBatch({ documentId: batch.documentId, action }).unwrap();
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    } finally {
      setBusy(null);
      setConfirmCancel(false);
    }
  };

  const download = async () => {
    setBusy('report');
    try {
      saveBlob(await getReport({ documentId: batch.documentId }).unwrap(), `envoi-groupe-${batch.documentId}.csv`);
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Flex gap={2} wrap="wrap">
      {canManage && running && (
        <Button variant="secondary" startIcon={<Clock />} onClick={() => act('pause')} loading={busy === 'pause'} disabled={busy !== null}>
          {t('batch.pause', 'Pause')}
        </Button>
      )}
      {canManage && batch.status === BATCH_STATUS.paused && (
        <Button variant="default" startIcon={<Play />} onClick={() => act('resume')} loading={busy === 'resume'} disabled={busy !== null}>
          {t('batch.resume', 'Reprendre')}
        </Button>
      )}
      {canManage && batch.counts.failed > 0 && batch.status !== BATCH_STATUS.cancelled && (
        <Button variant="secondary" startIcon={<ArrowClockwise />} onClick={() => act('retry-failed')} loading={busy === 'retry-failed'} disabled={busy !== null}>
          {t('batch.retry', 'Relancer les échecs')}
        </Button>
      )}
      {canManage && !isFinished(batch) && (
        <Button variant="danger-light" startIcon={<Cross />} onClick={() => setConfirmCancel(true)} disabled={busy !== null}>
          {t('batch.cancel', 'Annuler l’envoi')}
        </Button>
      )}
      <Button variant="tertiary" startIcon={<FileCsv />} onClick={download} loading={busy === 'report'} disabled={busy !== null}>
        {t('batch.report', 'Télécharger le rapport (CSV)')}
      </Button>
      <ConfirmDialog
        open={confirmCancel}
        title={t('batch.cancel.title', 'Annuler l’envoi groupé ?')}
        confirmLabel={t('batch.cancel.confirm', 'Annuler l’envoi')}
        onConfirm={() => act('cancel')}
        onCancel={() => setConfirmCancel(false)}
        loading={busy === 'cancel'}
      >
        <Typography textAlign="center">
          {t('batch.cancel.text', 'Les mails qui ne sont pas encore partis ne seront pas envoyés. Les mails déjà envoyés le restent.')}
        </Typography>
      </ConfirmDialog>
    </Flex>
  );
};
