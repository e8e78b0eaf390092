import { BATCH_STATUS } from '../../constants';
import type { BatchStatus } from '../../services/batches';
import { StatusLabel, type StatusLook } from '../common/StatusLabel';

const STATUS: Record<BatchStatus, StatusLook> = {
  [BATCH_STATUS.scheduled]: { id: 'batch.status.scheduled', label: 'programmé', text: 'secondary700', background: 'secondary100' },
  [BATCH_STATUS.preparing]: { id: 'batch.status.preparing', label: 'en préparation', text: 'neutral700', background: 'neutral150' },
  [BATCH_STATUS.sending]: { id: 'batch.status.sending', label: 'en cours d’envoi', text: 'primary700', background: 'primary100' },
  [BATCH_STATUS.paused]: { id: 'batch.status.paused', label: 'en pause', text: 'warning700', background: 'warning100' },
  [BATCH_STATUS.done]: { id: 'batch.status.done', label: 'terminé', text: 'success700', background: 'success100' },
  [BATCH_STATUS.cancelled]: { id: 'batch.status.cancelled', label: 'annulé', text: 'danger700', background: 'danger100' },
};

/** The state of a grouped send, as a coloured badge. */
export const BatchStatusBadge = ({ status }: { status: BatchStatus }) => <StatusLabel looks={STATUS} status={status} data-batch-status={status} />;
