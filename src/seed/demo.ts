import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
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
} from './demo-data';

/**
 * The demo data set: a few structures, professionals, 200 adhesions with their beneficiaries,
 * coverage requests and simulations: enough to try every mail-merge page by hand.
 * Same records on every machine (seeded PRNG); written in ONE transaction, so a failure leaves
 * nothing half-seeded, and skipped when the demo adhesions already exist.
 */

export const DEMO_ADHESION_PREFIX = 'DEMO-';
const DEMO_SEED = 20_261_128;
const DEMO = { parents: 3, professionals: 20, adhesions: 200, coverageRequests: 150, simulations: 100 };
// Arbitrary constant: serialises concurrent boots of several instances on one PostgreSQL database.
const PG_LOCK_KEY = 72_410_001;

export const UIDS = {
  structure: 'api::structure.structure',
  healthProfessional: 'api::health-professional.health-professional',
  adhesion: 'api::adhesion.adhesion',
  beneficiary: 'api::beneficiary.beneficiary',
  coverageRequest: 'api::coverage-request.coverage-request',
  simulation: 'api::simulation.simulation',
} as const;

export type SeedCounts = Record<
  'structures' | 'healthProfessionals' | 'adhesions' | 'beneficiaries' | 'coverageRequests' | 'simulations',
  number
>;

type Insert = (uid: string, rows: BulkRow[]) => Promise<number[]>;

/** Generates the data set and hands each table to `insert`; returns how many rows of each. */
const buildDemo = async (insert: Insert): Promise<SeedCounts> => {
  const rng = createRng(DEMO_SEED);

  const parentRows = Array.from({ length: DEMO.parents }, (_, i) => parentStructure(rng, i));
  const parentIds = await insert(UIDS.structure, parentRows);
  const childRows = parentRows.flatMap((parent, p) =>
    Array.from({ length: rng.int(2, 3) }, (_, i) => childStructure(rng, parent.name as string, parentIds[p], i))
  );
  const structureIds = [...parentIds, ...(await insert(UIDS.structure, childRows))];

  const professionalIds = await insert(
    UIDS.healthProfessional,
    Array.from({ length: DEMO.professionals }, (_, i) => healthProfessional(rng, i))
  );

  const adhesionIds = await insert(
    UIDS.adhesion,
    Array.from({ length: DEMO.adhesions }, (_, i) =>
      adhesion(rng, `${DEMO_ADHESION_PREFIX}${pad(i + 1)}`, rng.chance(0.3) ? rng.pick(structureIds) : null)
    )
  );
  const beneficiaryIds = await insert(
    UIDS.beneficiary,
    adhesionIds.flatMap((adhesionId, i) => household(rng, adhesionId, i + 1))
  );

  const coverageRows = Array.from({ length: DEMO.coverageRequests }, (_, i) =>
    coverageRequest(rng, `PEC-DEMO-${pad(i + 1)}`, rng.pick(beneficiaryIds), rng.pick(professionalIds))
  );
  await insert(UIDS.coverageRequest, coverageRows);
  const simulationRows = Array.from({ length: DEMO.simulations }, (_, i) =>
    simulation(rng, `SIM-DEMO-${pad(i + 1)}`, rng.pick(beneficiaryIds), rng.pick(professionalIds))
  );
  await insert(UIDS.simulation, simulationRows);

  return {
    structures: structureIds.length,
    healthProfessionals: professionalIds.length,
    adhesions: adhesionIds.length,
    beneficiaries: beneficiaryIds.length,
    coverageRequests: coverageRows.length,
    simulations: simulationRows.length,
  };
};

/** The counts of the data set without writing it (ids are stand-ins; the PRNG draws are the same). */
const demoCounts = () => {
  let nextId = 1;
  return buildDemo(async (_uid, rows) => rows.map(() => nextId++));
};

const demoExists = async (strapi: Core.Strapi, trx: Knex.Transaction) => {
  const meta: any = strapi.db.metadata.get(UIDS.adhesion);
  const row = await trx(meta.tableName)
    .where(meta.attributes.number.columnName, 'like', `${DEMO_ADHESION_PREFIX}%`)
    .first('id');
  return Boolean(row);
};

/**
 * Seeds the demo data set unless it is there already. `counts` always describes the demo data set
 * (so two calls return the same counts); `created` says whether this call wrote it.
 */
export async function seedDemo(strapi: Core.Strapi): Promise<{ created: boolean; counts: SeedCounts }> {
  const created = await strapi.db.connection.transaction(async (trx) => {
    if (strapi.db.dialect.client === 'postgres') {
      // Two instances booting at once must not both seed: the second waits, then sees the rows.
      await trx.raw('select pg_advisory_xact_lock(?)', [PG_LOCK_KEY]);
    }
    if (await demoExists(strapi, trx)) return false;
    const now = new Date();
    await buildDemo((uid, rows) => bulkInsert(strapi, uid, rows, { trx, now }));
    return true;
  });
  return { created, counts: await demoCounts() };
}
