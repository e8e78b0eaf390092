/**
 * The Content Manager's rights on the mutual's records, applied to the plugin's routes: whoever
 * reads, previews, searches, composes or sends for a record must be allowed to read it in the
 * Content Manager (action, conditions such as « is creator », field rights), and whoever changes
 * consent must be allowed to update those fields. Built on Strapi's own machinery — the
 * content-manager's `permission-checker` and the admin permissions manager — never re-implemented:
 * a condition Strapi adds (or a custom one the mutual registers) applies here unchanged.
 *
 * Conditions are applied as the permission query ANDed into a database filter (as the CM list
 * does), so they hold whatever fields they read, relations included, and a chunk of 500 ticked ids
 * costs one query.
 */
import type { Core } from '@strapi/strapi';
import { contentTypes, errors } from '@strapi/utils';
import type { PageConfig } from '../config/schema';
import { getService } from '../utils';
import { forbiddenError, notFoundError, validationError } from '../utils/errors';
import { documentsOf, queryOf, contentTypeOf, componentOf, type ModelSchema, type UserAbility } from '../utils/strapi-adapters';

export const CM_READ = 'plugin::content-manager.explorer.read';
export const CM_UPDATE = 'plugin::content-manager.explorer.update';
const UPLOAD_READ = 'plugin::upload.read';
const FILE_UID = 'plugin::upload.file';
const CHUNK = 500;

/**
 * The caller of the content API (an API token): it holds no admin ability; the token's own
 * permission (plugin::mail-merge.front-office.*) is its right. Passed explicitly, so that a
 * forgotten ability (undefined) fails closed instead of skipping the checks.
 */
export const CONTENT_API = Object.freeze({ contentApi: true as const });
/** An admin user's ability (ctx.state.userAbility), or the content API's caller. */
export type Ability = UserAbility | typeof CONTENT_API;

const isContentApi = (ability: Ability): ability is typeof CONTENT_API => ability === CONTENT_API;

/** A programming error, not a user's: refuse rather than let a route through unchecked. */
const requireAbility: (ability: Ability) => asserts ability is UserAbility = (ability) => {
  if (!ability || typeof (ability as Partial<UserAbility>).can !== 'function') throw new Error('mail-merge access: no user ability given');
};

const createAccessService = ({ strapi }: { strapi: Core.Strapi }) => {
  const checker = (ability: UserAbility, model: string) =>
    strapi.plugin('content-manager').service('permission-checker').create({ userAbility: ability, model });

  const permissionsManager = (ability: UserAbility, action: string, model: string) =>
    strapi.service('admin::permission').createPermissionsManager({ ability, action, model });

  const pageOf = (page: PageConfig | string) => (typeof page === 'string' ? getService('pages', { strapi }).get(page) : page);

  const typeName = (uid: string) => (contentTypeOf(strapi, uid)?.info?.displayName as string) ?? uid;

  const assertCanReadType: (ability: Ability, uid: string) => asserts ability is UserAbility = (ability, uid) => {
    requireAbility(ability);
    if (checker(ability, uid).cannot.read()) {
      throw forbiddenError(
        'record.cannot-read',
        `Vous n’avez pas le droit de consulter les fiches « ${typeName(uid)} ».`,
        `You may not read the "${typeName(uid)}" records.`
      );
    }
  };

  /** The filters restricted by the user's conditions for `action` (Strapi's permission query). */
  const withConditions = (ability: UserAbility, action: string, uid: string, filters: Record<string, unknown>) =>
    permissionsManager(ability, action, uid).addPermissionsQueryTo({ filters }, action).filters as Record<string, unknown>;

  const exists = async (uid: string, documentId: string) =>
    (await documentsOf(strapi, uid).count({ filters: { documentId } })) > 0;

  /** 404 when the document does not exist, 403 when it exists outside the user's conditions. */
  const assertDocument = async (ability: UserAbility, action: string, uid: string, documentId: string, refusal: () => Error, where?: string) => {
    const allowed = await documentsOf(strapi, uid).count({ filters: withConditions(ability, action, uid, { documentId }) });
    if (allowed > 0) return;
    if (!(await exists(uid, documentId))) {
      throw where
        ? notFoundError('record.not-found', `Fiche introuvable sur la page « ${where} ».`, `Record not found on the page "${where}".`, { record: documentId })
        : notFoundError('record.not-found', 'Fiche introuvable.', 'Record not found.', { record: documentId });
    }
    throw refusal();
  };

  /**
   * Whether a dotted path (`email`, `adhesion.number`, `consent.email`) may be read: each field
   * within its content type, and the content type a relation leads to.
   */
  const canReadPath = (ability: UserAbility, uid: string, path: string) => {
    let model = uid;
    let schema: ModelSchema | undefined = contentTypeOf(strapi, uid);
    let within: string[] = [];
    for (const segment of path.split('.')) {
      const attribute = schema?.attributes?.[segment];
      within = [...within, segment];
      if (!attribute) return checker(ability, model).can.read(undefined, within.join('.'));
      if (attribute.type === 'component') {
        schema = attribute.component ? componentOf(strapi, attribute.component) : undefined;
        continue;
      }
      if (!checker(ability, model).can.read(undefined, within.join('.'))) return false;
      if (attribute.type === 'relation') {
        model = attribute.target!;
        schema = contentTypeOf(strapi, model);
        within = [];
        if (checker(ability, model).cannot.read()) return false;
      }
    }
    return true;
  };

  return {
    CONTENT_API,

    assertCanReadType(ability: Ability, page: PageConfig | string) {
      if (isContentApi(ability)) return;
      assertCanReadType(ability, pageOf(page).contentType);
    },

    /** The record must exist (404) and be readable by the user under its conditions (403). */
    async assertCanRead(ability: Ability, page: PageConfig | string, documentId: string) {
      const { contentType, page: name } = pageOf(page);
      if (isContentApi(ability)) {
        if (!(await exists(contentType, documentId))) {
          throw notFoundError('record.not-found', `Fiche introuvable sur la page « ${name} ».`, `Record not found on the page "${name}".`, { record: documentId });
        }
        return;
      }
      await this.assertCanReadDocument(ability, contentType, documentId, name);
    },

    /**
     * The record, loaded by the query that checks the user may read it (the same conditions as
     * assertCanRead, and its 404 or 403): one read instead of a count and then a read.
     */
    async findReadable(ability: Ability, page: PageConfig | string, documentId: string, populate: Record<string, unknown>) {
      const { contentType } = pageOf(page);
      const api = isContentApi(ability);
      if (!api) assertCanReadType(ability, contentType);
      const filters = api ? { documentId } : withConditions(ability, CM_READ, contentType, { documentId });
      // The query engine takes the permission filters as they are (same operators); the app's
      // types have no draft and publish, and it saves the Document Service's transaction.
      const record = await queryOf(strapi, contentType).findOne({ where: filters, populate });
      if (record) return record;
      // Not found for this user: say whether it does not exist (404) or is out of reach (403).
      await this.assertCanRead(ability, page, documentId);
      throw notFoundError('record.not-found', 'Fiche introuvable.', 'Record not found.', { record: documentId });
    },

    /** Same, by content type (the consent holder, which is no page). */
    async assertCanReadDocument(ability: Ability, uid: string, documentId: string, where?: string) {
      if (isContentApi(ability)) return;
      assertCanReadType(ability, uid);
      await assertDocument(
        ability,
        CM_READ,
        uid,
        documentId,
        () => forbiddenError('record.forbidden', 'Vous n’avez pas accès à cette fiche.', 'You may not read this record.', { record: documentId }),
        where
      );
    },

    /** Which of these paths the user may read on the page's records (all of them for the content API). */
    readablePaths(ability: Ability, page: PageConfig | string, paths: string[]) {
      if (isContentApi(ability)) return [...paths];
      requireAbility(ability);
      const { contentType } = pageOf(page);
      return paths.filter((path) => canReadPath(ability, contentType, path));
    },

    /** The page's content type fields the user may read. */
    readableFields(ability: Ability, page: PageConfig | string) {
      const { contentType } = pageOf(page);
      const attributes = Object.keys(contentTypeOf(strapi, contentType)?.attributes ?? {});
      return this.readablePaths(ability, page, attributes);
    },

    /**
     * Ticked ids: each must be readable under the user's conditions. One count per chunk; ids
     * that no longer exist are left to the send (skipped « introuvable »), not counted here.
     */
    async assertIdsReadable(ability: Ability, page: PageConfig | string, ids: string[]) {
      const { contentType } = pageOf(page);
      assertCanReadType(ability, contentType);
      let refused = 0;
      for (let start = 0; start < ids.length; start += CHUNK) {
        const chunk = ids.slice(start, start + CHUNK);
        const documents = documentsOf(strapi, contentType);
        const readable = await documents.count({ filters: withConditions(ability, CM_READ, contentType, { documentId: { $in: chunk } }) });
        if (readable === chunk.length) continue;
        const existing = await documents.count({ filters: { documentId: { $in: chunk } } });
        refused += existing - readable;
      }
      if (refused > 0) {
        throw forbiddenError(
          'record.ids-forbidden',
          refused === 1 ? '1 fiche sélectionnée ne vous est pas accessible.' : `${refused} fiches sélectionnées ne vous sont pas accessibles.`,
          refused === 1 ? '1 selected record is not accessible to you.' : `${refused} selected records are not accessible to you.`,
          { count: refused }
        );
      }
    },

    /**
     * A list's filters as the user gave them: a filter on a field the user may not read is a 400,
     * never dropped (dropping it would widen a grouped send to everyone).
     */
    async validateFilters(ability: Ability, page: PageConfig | string, query: { filters?: unknown; search?: string }) {
      const { contentType } = pageOf(page);
      assertCanReadType(ability, contentType);
      if (query.search) {
        // The list's search (_q) looks in every text field: one the user may not read would tell its value.
        // Text fields (and numbers when the search is a number) as the database's search reads
        // them; system attributes (documentId, locale…) carry no field right and tell nothing.
        const schema = contentTypeOf(strapi, contentType);
        const attributes = schema?.attributes ?? {};
        const kinds = ['string', 'text', 'email', 'uid', 'richtext', ...(Number.isNaN(Number(query.search)) ? [] : ['integer', 'biginteger', 'float', 'decimal'])];
        const searched = contentTypes.getVisibleAttributes(schema as unknown as Parameters<typeof contentTypes.getVisibleAttributes>[0]).filter((name: string) => kinds.includes(attributes[name]?.type));
        if (this.readablePaths(ability, page, searched).length < searched.length) {
          throw validationError(
            'selection.search-forbidden',
            'Votre recherche porte aussi sur des champs que vous n’avez pas le droit de consulter : filtrez la liste plutôt que de la rechercher.',
            'The search also looks into fields you may not read: filter the list instead of searching it.'
          );
        }
      }
      try {
        await checker(ability, contentType).validateQuery({ filters: query.filters ?? {} });
      } catch (error) {
        if (!(error instanceof errors.ValidationError)) throw error;
        throw validationError(
          'selection.filter-forbidden',
          'La liste est filtrée sur un champ que vous n’avez pas le droit de consulter : retirez ce filtre.',
          'The list is filtered on a field you may not read: remove that filter.',
          { reason: error.message }
        );
      }
    },

    /** The user's conditions for reading the page's records, ANDed into these filters. */
    readFilters(ability: Ability, page: PageConfig | string, filters: Record<string, unknown> = {}) {
      if (isContentApi(ability)) return filters;
      const { contentType } = pageOf(page);
      assertCanReadType(ability, contentType);
      return withConditions(ability, CM_READ, contentType, filters);
    },

    /**
     * Updating these fields (`consent.email`, `notificationChoices`) of one document: the CM
     * update right under its conditions, and on each field (field-level rights).
     */
    async assertCanUpdateFields(ability: Ability, uid: string, documentId: string, fields: string[]) {
      requireAbility(ability);
      const refusal = () =>
        forbiddenError('record.update-forbidden', `Vous n’avez pas le droit de modifier cette fiche « ${typeName(uid)} ».`, `You may not update this "${typeName(uid)}" record.`, {
          record: documentId,
        });
      if (checker(ability, uid).cannot.update()) throw refusal();
      await assertDocument(ability, CM_UPDATE, uid, documentId, refusal);
      // Field rights may differ from one conditioned permission to another: check them on the
      // document itself, with its creator and the creator's roles as the admin conditions read them.
      const entity = await queryOf(strapi, uid).findOne({
        where: { documentId },
        populate: { createdBy: { select: ['id'], populate: { roles: { select: ['id'] } } } },
      });
      const cm = checker(ability, uid);
      const denied = fields.filter((field) => {
        // `consent.email`, or the whole component when a role lists it as one field.
        const parent = field.split('.').slice(0, -1).join('.');
        return cm.cannot.update(entity, field) && (!parent || cm.cannot.update(entity, parent));
      });
      if (denied.length > 0) {
        throw forbiddenError(
          'record.fields-forbidden',
          `Vous n’avez pas le droit de modifier ${denied.length === 1 ? 'le champ' : 'les champs'} ${denied.map((f) => `« ${f} »`).join(', ')} de cette fiche « ${typeName(uid)} ».`,
          `You may not update the field(s) ${denied.join(', ')} of this "${typeName(uid)}" record.`,
          { record: documentId, fields: denied }
        );
      }
    },

    /**
     * Attachments: files the user may read in the Media Library (plugin::upload.read, with its
     * conditions, as the upload plugin's own routes apply them) or that the user uploaded.
     * Returns the ids refused.
     */
    async unreadableFiles(ability: Ability, userId: number | null, fileIds: number[]) {
      if (fileIds.length === 0 || isContentApi(ability)) return [];
      requireAbility(ability);
      const pm = permissionsManager(ability, UPLOAD_READ, FILE_UID);
      const mine = userId === null ? [] : [{ createdBy: { id: userId } }];
      // Without the action, getQuery is empty, which would mean « everything »: only own files then.
      const query = pm.isAllowed ? (pm.getQuery() ?? {}) : null;
      // An unconditioned read right: every file is readable (missing ones are reported apart).
      if (query && Object.keys(query).length === 0) return [];
      const ways = [...(query ? [query] : []), ...mine];
      if (ways.length === 0) return [...fileIds];
      const allowed = await queryOf<{ id: number }>(strapi, FILE_UID).findMany({
        where: { $and: [{ id: { $in: fileIds.map(Number) } }, { $or: ways }] },
        select: ['id'],
      });
      const ok = new Set(allowed.map((file) => Number(file.id)));
      return fileIds.filter((id) => !ok.has(Number(id)));
    },
  };
};

export type AccessService = ReturnType<typeof createAccessService>;
export default createAccessService;
