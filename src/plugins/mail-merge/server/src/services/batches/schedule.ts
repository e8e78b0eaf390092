/**
 * « Programmer l'envoi »: a grouped send created for later waits as `scheduled`, nothing prepared.
 * On time it becomes `preparing` and preparation starts, so recipients, consent and notification
 * choices are judged when the send starts, not when it was programmed (the dispatcher checks
 * consent once more before each group leaves).
 *
 * The time lives in the batch row: a restart loses nothing (bootstrap arms the timer again). One
 * timer per instance, set for the earliest scheduled batch but never longer than MAX_WAIT_MS, so
 * a batch programmed by another instance is seen within that. The move scheduled → preparing is a
 * conditional update: with several instances, exactly one of them starts a given batch.
 */
import type { Core } from '@strapi/strapi';
import { getService } from '../../utils';
import { BATCH_STATUS, BATCH_UID } from '../../constants';
import { errorMessage } from '../../utils/errors';
import { queryOf } from '../../utils/strapi-adapters';

/** The longest the timer sleeps: the delay after which a batch scheduled elsewhere is noticed. */
const MAX_WAIT_MS = 30_000;

type ScheduledRow = { id: number; documentId: string; scheduledAt: string | Date };

const createBatchScheduleService = ({ strapi }: { strapi: Core.Strapi }) => {
  const batches = () => queryOf<ScheduledRow>(strapi, BATCH_UID);
  let timer: NodeJS.Timeout | null = null;
  let stopped = true;
  let checking: Promise<void> | null = null;

  /** Starts every scheduled batch whose time has come; this instance starts those it moved. */
  const startDue = async () => {
    const due = await batches().findMany({
      where: { status: BATCH_STATUS.scheduled, scheduledAt: { $lte: new Date() } },
      select: ['id', 'documentId', 'scheduledAt'],
      orderBy: { scheduledAt: 'asc' },
    });
    for (const batch of due) {
      const { count } = await batches().updateMany({
        where: { id: batch.id, status: BATCH_STATUS.scheduled },
        data: { status: BATCH_STATUS.preparing },
      });
      if (count > 0) void getService('batch-preparation', { strapi }).run(batch.documentId);
    }
  };

  /** When the next scheduled batch is due (ms from now), or null when none is. */
  const nextDelay = async () => {
    const next = await batches().findOne({
      where: { status: BATCH_STATUS.scheduled },
      select: ['id', 'documentId', 'scheduledAt'],
      orderBy: { scheduledAt: 'asc' },
    });
    return next ? Math.max(0, new Date(next.scheduledAt).getTime() - Date.now()) : null;
  };

  const check = async () => {
    try {
      await startDue();
      const delay = await nextDelay();
      if (!stopped) arm(delay === null ? MAX_WAIT_MS : Math.min(delay, MAX_WAIT_MS));
    } catch (error) {
      if (stopped) return;
      strapi.log.error(`[mail-merge] scheduled sends: ${errorMessage(error)}`);
      arm(MAX_WAIT_MS);
    }
  };

  /** Looks again after `delay` ms (at once by default: a batch was just programmed or resumed). */
  const arm = (delay = 0) => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      // One look at a time: a look asked for during one comes a moment after it.
      if (checking) {
        arm(100);
        return;
      }
      checking = check().finally(() => {
        checking = null;
      });
    }, delay);
    // A programmed send must not keep a stopping process alive.
    timer.unref();
  };

  return {
    arm: () => arm(0),

    start() {
      stopped = false;
      arm(0);
    },

    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await checking?.catch(() => {});
    },
  };
};

export type BatchScheduleService = ReturnType<typeof createBatchScheduleService>;
export default createBatchScheduleService;
