import { MESSAGE_STATUSES, MESSAGE_TRANSITIONS, type MessageStatus } from '../../constants';

/** Thrown for a move the table of constants.ts does not allow: a bug, never a user's mistake. */
export class TransitionError extends Error {
  constructor(
    readonly from: string,
    readonly to: string
  ) {
    super(`mail-merge ledger: a mail cannot move from "${from}" to "${to}"`);
    this.name = 'TransitionError';
  }
}

export const isMessageStatus = (value: unknown): value is MessageStatus => MESSAGE_STATUSES.includes(value as MessageStatus);

export const canMove = (from: MessageStatus, to: MessageStatus) => (MESSAGE_TRANSITIONS[from] as readonly MessageStatus[]).includes(to);

/** Checks every `from → to` of a bulk move before any row is touched. */
export const assertTransition = (from: readonly MessageStatus[] | MessageStatus, to: MessageStatus) => {
  for (const source of Array.isArray(from) ? from : [from]) {
    if (!isMessageStatus(source) || !isMessageStatus(to) || !canMove(source, to)) throw new TransitionError(source, to);
  }
};
