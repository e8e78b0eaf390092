import type { Core } from '@strapi/strapi';
import { bulkInsert, type BulkRow } from './bulk-insert';
import {
  adhesion,
  childStructure,
  coverageRequest,
  createRng,
  healthProfessional,
  household,
  pad,
  parentStructure,
  simulation,
  type Rng,
} from './demo-data';
import { UIDS, type SeedCounts } from './demo';

/**
 * Volume seed (scripts/seed.ts): N adhesions with their households, plus coverage requests and
 * simulations, to measure the mail-merge pages and grouped sends at realistic sizes.
 * Each batch (adhesions + beneficiaries + their requests and simulations) is one transaction:
 * an interrupted run leaves whole households only, and numbers carry a run-unique prefix so the
 * seed can be run again on the same database.
 */

export type ScaleOptions = {
  adhesions: number;
  coverageRequests: number;
  simulations: number;
  batchSize: number;
  /** Run-unique prefix of every number, e.g. 'S0MIQ3K2' -> 'S0MIQ3K2-000001', 'PEC-S0MIQ3K2-000001'. */
  prefix: string;
  seed: number;
  onProgress?: (done: number, total: number, counts: SeedCounts, rows: number) => void;
};

const DEFAULT_PROFESSIONALS = 50;
const DEFAULT_PARENT_STRUCTURES = 4;

const tableIds = async (strapi: Core.Strapi, uid: string): Promise<number[]> => {
  const { tableName } = strapi.db.metadata.get(uid) as any;
  const rows: Array<{ id: number | string }> = await strapi.db.connection(tableName).select('id').orderBy('id');
  return rows.map((row) => Number(row.id));
};

/** Existing structures and professionals are reused; an empty database gets a few of each. */
const ensureReferences = async (strapi: Core.Strapi, rng: Rng, counts: SeedCounts, stats: { rows: number }) => {
  let structureIds = await tableIds(strapi, UIDS.structure);
  let professionalIds = await tableIds(strapi, UIDS.healthProfessional);
  if (structureIds.length === 0 || professionalIds.length === 0) {
    await strapi.db.connection.transaction(async (trx) => {
      if (structureIds.length === 0) {
        const parents = Array.from({ length: DEFAULT_PARENT_STRUCTURES }, (_, i) => parentStructure(rng, i));
        const parentIds = await bulkInsert(strapi, UIDS.structure, parents, { trx, stats });
        const children = parents.flatMap((parent, p) =>
          Array.from({ length: 3 }, (_, i) => childStructure(rng, parent.name as string, parentIds[p], i))
        );
        structureIds = [...parentIds, ...(await bulkInsert(strapi, UIDS.structure, children, { trx, stats }))];
        counts.structures = structureIds.length;
      }
      if (professionalIds.length === 0) {
        const rows = Array.from({ length: DEFAULT_PROFESSIONALS }, (_, i) => healthProfessional(rng, i));
        professionalIds = await bulkInsert(strapi, UIDS.healthProfessional, rows, { trx, stats });
        counts.healthProfessionals = professionalIds.length;
      }
    });
  }
  return { structureIds, professionalIds };
};

/** How many of `total` fall in [start, end) of `of`, spread evenly and summing exactly to `total`. */
const share = (total: number, of: number, start: number, end: number) =>
  Math.floor((total * end) / of) - Math.floor((total * start) / of);

/** Returns the records created per type and the table rows written (links and components included). */
export async function seedScale(strapi: Core.Strapi, options: ScaleOptions): Promise<{ counts: SeedCounts; rows: number }> {
  const rng = createRng(options.seed);
  const counts: SeedCounts = {
    structures: 0,
    healthProfessionals: 0,
    adhesions: 0,
    beneficiaries: 0,
    coverageRequests: 0,
    simulations: 0,
  };
  const adhesionMeta: any = strapi.db.metadata.get(UIDS.adhesion);
  const taken = await strapi.db
    .connection(adhesionMeta.tableName)
    .where(adhesionMeta.attributes.number.columnName, 'like', `${options.prefix}-%`)
    .first('id');
  if (taken) throw new Error(`adhesion numbers "${options.prefix}-…" exist already: choose another prefix`);

  const stats = { rows: 0 };
  const { structureIds, professionalIds } = await ensureReferences(strapi, rng, counts, stats);
  const width = Math.max(6, String(Math.max(options.adhesions, options.coverageRequests, options.simulations)).length);
  const total = options.adhesions;

  for (let start = 0; start < total; start += options.batchSize) {
    const end = Math.min(total, start + options.batchSize);
    await strapi.db.connection.transaction(async (trx) => {
      const now = new Date();
      const adhesionRows: BulkRow[] = [];
      for (let i = start; i < end; i += 1) {
        const structure = rng.chance(0.3) ? rng.pick(structureIds) : null;
        adhesionRows.push(adhesion(rng, `${options.prefix}-${pad(i + 1, width)}`, structure));
      }
      const adhesionIds = await bulkInsert(strapi, UIDS.adhesion, adhesionRows, { trx, now, stats });
      const beneficiaryRows = adhesionIds.flatMap((id, k) => household(rng, id, start + k + 1));
      const beneficiaryIds = await bulkInsert(strapi, UIDS.beneficiary, beneficiaryRows, { trx, now, stats });

      // Request and simulation numbers follow on from the previous batches.
      const coverageRows = Array.from({ length: share(options.coverageRequests, total, start, end) }, (_, k) =>
        coverageRequest(
          rng,
          `PEC-${options.prefix}-${pad(counts.coverageRequests + k + 1, width)}`,
          rng.pick(beneficiaryIds),
          rng.pick(professionalIds)
        )
      );
      await bulkInsert(strapi, UIDS.coverageRequest, coverageRows, { trx, now, stats });

      const simulationRows = Array.from({ length: share(options.simulations, total, start, end) }, (_, k) =>
        simulation(
          rng,
          `SIM-${options.prefix}-${pad(counts.simulations + k + 1, width)}`,
          rng.pick(beneficiaryIds),
          rng.pick(professionalIds)
        )
      );
      await bulkInsert(strapi, UIDS.simulation, simulationRows, { trx, now, stats });

      counts.adhesions += adhesionIds.length;
      counts.beneficiaries += beneficiaryIds.length;
      counts.coverageRequests += coverageRows.length;
      counts.simulations += simulationRows.length;
    });
    options.onProgress?.(end, total, counts, stats.rows);
  }
  // After a bulk load PostgreSQL has no planner statistics for the new rows (autovacuum comes
  // later): an extraction then plans a scan of the whole table per record (174 ms instead of 1).
  // SQLite's planner uses them too.
  await strapi.db.connection.raw('ANALYZE');
  return { counts, rows: stats.rows };
}
