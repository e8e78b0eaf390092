/**
 * The suppression list (« adresses en échec », `plugin::mail-merge.suppression`): its one owner.
 * An address whose mail came back as a permanent failure is refused by later sends until a
 * gestionnaire clears it: single and front-office sends answer a 400 naming the bounce and its
 * date, grouped sends skip the recipient (reason `bounced`), asking once per chunk.
 */
import type { Core } from '@strapi/strapi';
import type { Suppression, SuppressionFilters } from '../../../../shared/contracts/bounces';
import { SUPPRESSION_UID } from '../../constants';
import type { SuppressionRow } from '../../content-types/rows';
import { insertMany } from '../../utils/bulk';
import { notFoundError, validationError } from '../../utils/errors';
import { queryOf } from '../../utils/strapi-adapters';

export type NewSuppression = Pick<SuppressionRow, 'address' | 'reason' | 'diagnostic' | 'statusCode' | 'messageId' | 'page' | 'recordId' | 'templateTitle'> & {
  bouncedAt: Date;
};

/** Addresses per statement (well under both databases' limits on bound parameters). */
const CHUNK = 500;

const FIELDS = [
  'documentId', 'address', 'reason', 'diagnostic', 'statusCode', 'messageId', 'page', 'recordId', 'templateTitle', 'bouncedAt', 'clearedAt', 'clearedByName',
] as const;

/** `28/11/2026`, the day in Paris. */
export const frenchDay = (date: Date | string) =>
  new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(date));

/** Why an address gets no mail: « Adresse en échec depuis le 02/12/2026 (adresse inconnue (5.1.1)) : a@x.fr. » */
export const suppressionDetail = (suppression: Pick<SuppressionRow, 'address' | 'reason' | 'bouncedAt'>) =>
  `Adresse en échec depuis le ${frenchDay(suppression.bouncedAt as Date)} (${suppression.reason ?? 'mail non distribué'}) : ${suppression.address}.`;

const normalise = (address: string) => address.trim().toLowerCase();

/** The first of `addresses` on a list read by `activeAmong` (a mail's To, Cc and Bcc), if any. */
export const suppressionAmong = (found: Map<string, SuppressionRow>, addresses: readonly string[]) =>
  addresses.map((address) => found.get(normalise(address))).find(Boolean);

const toContract = (row: SuppressionRow): Suppression => ({
  documentId: row.documentId,
  address: row.address,
  reason: row.reason ?? null,
  diagnostic: row.diagnostic ?? null,
  statusCode: row.statusCode ?? null,
  messageId: row.messageId,
  page: row.page ?? null,
  recordId: row.recordId ?? null,
  templateTitle: row.templateTitle ?? null,
  bouncedAt: new Date(row.bouncedAt as Date | string).toISOString(),
  clearedAt: row.clearedAt ? new Date(row.clearedAt).toISOString() : null,
  clearedByName: row.clearedByName ?? null,
});

const createSuppressionsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const rows = () => queryOf<SuppressionRow>(strapi, SUPPRESSION_UID);

  /** The active suppression of each of these addresses (lower-cased keys), the latest bounce first. */
  const activeAmong = async (addresses: string[]) => {
    const wanted = [...new Set(addresses.map(normalise).filter(Boolean))];
    const found = new Map<string, SuppressionRow>();
    for (let start = 0; start < wanted.length; start += CHUNK) {
      const page = await rows().findMany({
        where: { address: { $in: wanted.slice(start, start + CHUNK) }, clearedAt: null },
        select: [...FIELDS],
        orderBy: { bouncedAt: 'desc' },
      });
      for (const row of page) if (!found.has(row.address)) found.set(row.address, row);
    }
    return found;
  };

  return {
    activeAmong,

    /** « L’adresse … est en échec depuis le … (raison) »: a 400 naming the first suppressed address. */
    async assertDeliverable(addresses: string[]) {
      const found = await activeAmong(addresses);
      const [suppressed] = found.values();
      if (!suppressed) return;
      throw validationError(
        'address.bounced',
        `L’adresse ${suppressed.address} est en échec depuis le ${frenchDay(suppressed.bouncedAt as Date)} (${suppressed.reason ?? 'mail non distribué'}) : un mail précédent n’a pas pu lui être remis. Corrigez l’adresse de la fiche, ou levez l’échec dans « Adresses en échec » si elle est de nouveau valide.`,
        `The address ${suppressed.address} has been bouncing since ${new Date(suppressed.bouncedAt as Date).toISOString().slice(0, 10)} (status ${suppressed.statusCode ?? 'unknown'}): an earlier mail to it was not delivered. Correct the record's address, or clear it in "Adresses en échec" if it is valid again.`,
        { addresses: [...found.keys()], address: suppressed.address, bouncedAt: suppressed.bouncedAt, statusCode: suppressed.statusCode ?? null, message: suppressed.messageId }
      );
    },

    /**
     * Adds the addresses of one bounced mail, each once: an (address, mail) already listed, even
     * cleared since, is not added again (the same DSN received twice). Returns the ones added.
     */
    async record(entries: NewSuppression[]) {
      const wanted = entries.map((entry) => ({ ...entry, address: normalise(entry.address) }));
      if (wanted.length === 0) return [];
      const existing = await rows().findMany({
        where: { messageId: { $in: [...new Set(wanted.map((e) => e.messageId))] }, address: { $in: wanted.map((e) => e.address) } },
        select: ['address', 'messageId'],
      });
      const known = new Set(existing.map((row) => `${row.address} ${row.messageId}`));
      const added = wanted.filter((entry, index) => !known.has(`${entry.address} ${entry.messageId}`) && wanted.findIndex((e) => e.address === entry.address) === index);
      await insertMany(strapi, SUPPRESSION_UID, added);
      return added.map((entry) => entry.address);
    },

    /** « Adresses en échec »: active ones (default), cleared ones or all, newest first. */
    async list(filters: SuppressionFilters & { readablePages?: string[] }) {
      const where: Record<string, unknown>[] = [];
      const status = filters.status ?? 'active';
      if (status === 'active') where.push({ clearedAt: null });
      if (status === 'cleared') where.push({ clearedAt: { $notNull: true } });
      if (filters.address) where.push({ address: { $containsi: filters.address.trim() } });
      if (filters.readablePages) where.push({ $or: [{ page: { $in: filters.readablePages } }, { page: null }] });
      const pageSize = Math.min(Math.max(Number(filters.pageSize) || 25, 1), 100);
      const pageNumber = Math.max(Number(filters.page) || 1, 1);
      const [results, total] = await Promise.all([
        rows().findMany({ where: { $and: where }, select: [...FIELDS], orderBy: { id: 'desc' }, limit: pageSize, offset: (pageNumber - 1) * pageSize }),
        rows().count({ where: { $and: where } }),
      ]);
      return { results: results.map(toContract), pagination: { page: pageNumber, pageSize, total, pageCount: Math.ceil(total / pageSize) } };
    },

    async findOne(documentId: string) {
      const row = await rows().findOne({ where: { documentId }, select: [...FIELDS] });
      if (!row) throw notFoundError('suppression.not-found', 'Adresse en échec introuvable.', 'Suppressed address not found.');
      return row;
    },

    /** « Lever »: the address may be written to again. Clearing twice changes nothing. */
    async clear(documentId: string, user: { id: number; name: string }) {
      const row = await this.findOne(documentId);
      if (!row.clearedAt) {
        await rows().updateMany({ where: { documentId, clearedAt: null }, data: { clearedAt: new Date(), clearedById: user.id, clearedByName: user.name } });
      }
      return toContract(await this.findOne(documentId));
    },
  };
};

export type SuppressionsService = ReturnType<typeof createSuppressionsService>;
export default createSuppressionsService;
