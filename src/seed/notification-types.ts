import type { Core } from '@strapi/strapi';
import { NOTIFICATION_TYPE_UID, SHIPPED_NOTIFICATION_TYPES } from '../api/notification-type/channels';

// Arbitrary constant: serialises concurrent boots of several instances on one PostgreSQL database.
const PG_LOCK_KEY = 72_410_002;

/**
 * The three notification types of MutualIT's « Liste des notifications disponibles », on every
 * start (also without demo data): missing ones are created, existing ones are left as the mutual
 * set them (activation, channels, label).
 */
export const seedNotificationTypes = async (strapi: Core.Strapi) => {
  const created: string[] = [];
  await strapi.db.transaction(async ({ trx }) => {
    if (strapi.db.dialect.client === 'postgres') await trx.raw('select pg_advisory_xact_lock(?)', [PG_LOCK_KEY]);
    for (const type of SHIPPED_NOTIFICATION_TYPES) {
      const existing = await strapi.db.query(NOTIFICATION_TYPE_UID as any).findOne({ where: { code: type.code } });
      if (existing) continue;
      await strapi.documents(NOTIFICATION_TYPE_UID as any).create({ data: { ...type, channels: [...type.channels] } as any });
      created.push(type.code);
    }
  });
  return created;
};
