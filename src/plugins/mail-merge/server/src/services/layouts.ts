/**
 * « Mise en page »: the mutual's letterheads (plugin::mail-merge.layout, owned here), at most one
 * of them the default, and the mail as it leaves: the template's layout around the body and the
 * signature (services/layout-document.ts).
 *
 * The composed letterhead (a shell: the document cut around the body's slot, its text part cut
 * likewise) is cached by layout version, logo URL and signature: a grouped send builds it once
 * and each of its mails only joins strings; a layout saved gets a new version, hence a new shell.
 */
import { createHash } from 'crypto';
import type { Core } from '@strapi/strapi';
import type { Layout, LayoutBody, LayoutLogo } from '../../../shared/contracts/layouts';
import { LAYOUT_CHOICE } from '../constants';
import type { LayoutRow } from '../content-types/rows';
import { notFoundError, validationError } from '../utils/errors';
import { sanitizeMailHtml } from '../utils/html';
import { documentsOf, queryOf } from '../utils/strapi-adapters';
import { buildShell, COLOR, DEFAULT_COLORS, fillShell, type LayoutParts, type Shell } from './layout-document';
import { htmlToText } from './render';

export const LAYOUT_UID = 'plugin::mail-merge.layout';
const FILE_UID = 'plugin::upload.file';

/** The layout installed at the first start (services/shipped.ts): generic French texts. */
export const SHIPPED_LAYOUT = {
  name: 'Mise en page de la mutuelle',
  headerTitle: 'Votre mutuelle',
  footerAddress: 'Votre mutuelle — service adhérents\nAdresse postale de la mutuelle',
  footerLegal: 'Mutuelle soumise aux dispositions du livre II du Code de la mutualité.',
  footerGdpr:
    'Vos coordonnées sont utilisées par votre mutuelle pour la gestion de votre contrat et de vos prestations. ' +
    'Vous pouvez exercer vos droits d’accès, de rectification, d’effacement et d’opposition auprès de son délégué à la protection des données.',
  ...DEFAULT_COLORS,
  isDefault: true,
};

/** What the form sample shows in the layout editor's preview. */
const SAMPLE_BODY =
  '<p>Madame, Monsieur,</p><p>Nous avons bien reçu votre demande et vous en remercions. Vous trouverez ci-dessous les informations ' +
  'relatives à votre contrat.</p><p>Nous vous prions d’agréer, Madame, Monsieur, nos salutations distinguées.</p>';

/** A template as the composition reads it (its layout populated). */
export type LayoutOwner = { layout?: LayoutRow | null; withoutLayout?: boolean | null };

/** A template's choice as its form shows it: '' the default layout, 'none', or a layout's documentId. */
export const layoutChoiceOf = (template: { layout?: { documentId: string } | null; withoutLayout?: boolean | null }) =>
  template.withoutLayout ? LAYOUT_CHOICE.none : (template.layout?.documentId ?? LAYOUT_CHOICE.default);

/** A layout ready for the composition: its parts and the cache key of its version. */
export type ResolvedLayout = { key: string; parts: LayoutParts } | null;

const COLOR_FIELDS = [
  ['primaryColor', 'Couleur principale', 'Primary colour'],
  ['textColor', 'Couleur du texte', 'Text colour'],
  ['backgroundColor', 'Couleur du fond', 'Background colour'],
] as const;

const TEXT_LIMITS = { headerTitle: 255, footerAddress: 2000, footerLegal: 4000, footerGdpr: 4000 } as const;

const SHELL_CACHE_SIZE = 64;

const digest = (text: string) => createHash('sha1').update(text).digest('base64url');

const createLayoutsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const shells = new Map<string, Shell>();
  const query = () => queryOf<LayoutRow>(strapi, LAYOUT_UID);

  /** Media Library URLs are relative with the local provider: mails need them absolute. */
  const absolute = (url: string) => {
    if (/^https?:\/\//i.test(url)) return url;
    const base = String(strapi.config.get('server.absoluteUrl') ?? '').replace(/\/+$/, '');
    return `${base}${url.startsWith('/') ? '' : '/'}${url}`;
  };

  const logosOf = async (ids: number[]): Promise<Map<number, LayoutLogo>> => {
    const wanted = [...new Set(ids.filter((id) => Number.isInteger(id)))];
    if (wanted.length === 0) return new Map();
    const files = await queryOf<{ id: number; name: string; url: string; mime: string | null }>(strapi, FILE_UID).findMany({
      where: { id: { $in: wanted } },
      select: ['id', 'name', 'url', 'mime'],
    });
    return new Map(files.filter((file) => String(file.mime ?? '').startsWith('image/')).map((file) => [file.id, { id: file.id, name: file.name, url: absolute(file.url) }]));
  };

  const present = (row: LayoutRow, logos: Map<number, LayoutLogo>): Layout => ({
    documentId: row.documentId,
    id: row.id,
    createdAt: row.createdAt ? new Date(row.createdAt).toISOString() : undefined,
    updatedAt: row.updatedAt ? new Date(row.updatedAt).toISOString() : undefined,
    name: row.name,
    logo: row.logoFileId ? (logos.get(row.logoFileId) ?? null) : null,
    headerTitle: row.headerTitle ?? null,
    footerAddress: row.footerAddress ?? null,
    footerLegal: row.footerLegal ?? null,
    footerGdpr: row.footerGdpr ?? null,
    primaryColor: row.primaryColor ?? DEFAULT_COLORS.primaryColor,
    textColor: row.textColor ?? DEFAULT_COLORS.textColor,
    backgroundColor: row.backgroundColor ?? DEFAULT_COLORS.backgroundColor,
    isDefault: Boolean(row.isDefault),
    version: row.version ?? 1,
  });

  const find = async (documentId: string) => {
    const row = await query().findOne({ where: { documentId } });
    if (!row) throw notFoundError('layout.not-found', 'Mise en page introuvable.', 'Layout not found.');
    return row;
  };

  /** Every rule of the layout form; throws a 400 naming the field. Nothing is written before. */
  const validate = async (input: LayoutBody) => {
    if (!String(input.name ?? '').trim()) {
      throw validationError('layout.required', 'Champs obligatoires non renseignés : Nom.', 'Required fields are empty: Name.', { field: 'name', fields: ['name'] });
    }
    for (const [field, fr, en] of COLOR_FIELDS) {
      const value = input[field];
      if (value !== undefined && value !== null && value !== '' && !COLOR.test(String(value))) {
        throw validationError(
          'layout.color',
          `${fr} invalide : « ${String(value).slice(0, 40)} » (attendu : #rrggbb, par exemple #1f4e79).`,
          `Invalid ${en.toLowerCase()}: "${String(value).slice(0, 40)}" (expected #rrggbb, e.g. #1f4e79).`,
          { field }
        );
      }
    }
    for (const [field, max] of Object.entries(TEXT_LIMITS) as [keyof typeof TEXT_LIMITS, number][]) {
      if (String(input[field] ?? '').length > max) {
        throw validationError('layout.too-long', `Texte trop long (${max} caractères au plus).`, `Text too long (at most ${max} characters).`, { field });
      }
    }
    if (input.logo !== undefined && input.logo !== null) {
      const logo = Number.isInteger(input.logo) ? (await logosOf([input.logo])).get(input.logo) : undefined;
      if (!logo) {
        throw validationError(
          'layout.logo',
          'Le logo doit être une image de la médiathèque.',
          'The logo must be an image of the Media Library.',
          { field: 'logo' }
        );
      }
    }
  };

  const toData = (input: LayoutBody) => ({
    name: String(input.name ?? '').trim(),
    logoFileId: input.logo ?? null,
    headerTitle: String(input.headerTitle ?? '').replace(/\s+/g, ' ').trim() || null,
    footerAddress: String(input.footerAddress ?? '').trim() || null,
    footerLegal: String(input.footerLegal ?? '').trim() || null,
    footerGdpr: String(input.footerGdpr ?? '').trim() || null,
    primaryColor: (input.primaryColor || DEFAULT_COLORS.primaryColor).toLowerCase(),
    textColor: (input.textColor || DEFAULT_COLORS.textColor).toLowerCase(),
    backgroundColor: (input.backgroundColor || DEFAULT_COLORS.backgroundColor).toLowerCase(),
    isDefault: Boolean(input.isDefault),
  });

  /** At most one default: the one just saved as such. */
  const clearOtherDefaults = (documentId: string) =>
    query().updateMany({ where: { isDefault: true, documentId: { $ne: documentId } }, data: { isDefault: false } });

  const rowOf = (row: LayoutRow): LayoutBody => ({
    name: row.name,
    logo: row.logoFileId ?? null,
    headerTitle: row.headerTitle ?? '',
    footerAddress: row.footerAddress ?? '',
    footerLegal: row.footerLegal ?? '',
    footerGdpr: row.footerGdpr ?? '',
    primaryColor: row.primaryColor ?? DEFAULT_COLORS.primaryColor,
    textColor: row.textColor ?? DEFAULT_COLORS.textColor,
    backgroundColor: row.backgroundColor ?? DEFAULT_COLORS.backgroundColor,
    isDefault: Boolean(row.isDefault),
  });

  const partsOf = (row: LayoutBody | LayoutRow, logoUrl: string | null): LayoutParts => ({
    name: String(row.name ?? ''),
    headerTitle: row.headerTitle ?? null,
    logoUrl,
    footerAddress: row.footerAddress ?? null,
    footerLegal: row.footerLegal ?? null,
    footerGdpr: row.footerGdpr ?? null,
    primaryColor: row.primaryColor ?? null,
    textColor: row.textColor ?? null,
    backgroundColor: row.backgroundColor ?? null,
  });

  /** A stored layout ready for the composition: its logo's URL read now (a file may be replaced). */
  const resolveRow = async (row: LayoutRow): Promise<ResolvedLayout> => {
    const logo = row.logoFileId ? ((await logosOf([row.logoFileId])).get(row.logoFileId) ?? null) : null;
    return { key: `${row.documentId}@${row.version ?? 1}|${logo?.url ?? ''}`, parts: partsOf(row, logo?.url ?? null) };
  };

  /** The shell of a layout (null: « sans mise en page ») with a signature: cached, built once. */
  const shellFor = (layout: ResolvedLayout, signature: string | null | undefined): Shell => {
    const key = `${layout?.key ?? 'none'}|${signature ? digest(signature) : ''}`;
    let shell = shells.get(key);
    if (!shell) {
      shell = buildShell(layout?.parts ?? null, signature, htmlToText);
      // Oldest first out: a Map keeps insertion order.
      if (shells.size >= SHELL_CACHE_SIZE) shells.delete(shells.keys().next().value!);
      shells.set(key, shell);
    }
    return shell;
  };

  return {
    async list(): Promise<Layout[]> {
      const rows = await query().findMany({ orderBy: [{ isDefault: 'desc' }, { name: 'asc' }] });
      const logos = await logosOf(rows.map((row) => row.logoFileId).filter((id): id is number => typeof id === 'number'));
      return rows.map((row) => present(row, logos));
    },

    async findOne(documentId: string): Promise<Layout> {
      const row = await find(documentId);
      return present(row, await logosOf(row.logoFileId ? [row.logoFileId] : []));
    },

    async create(input: LayoutBody): Promise<Layout> {
      await validate(input);
      const created = await strapi.db.transaction(async () => {
        const row = (await documentsOf<LayoutRow>(strapi, LAYOUT_UID).create({ data: { ...toData(input), version: 1 } })) as LayoutRow;
        if (row.isDefault) await clearOtherDefaults(row.documentId);
        return row;
      });
      return this.findOne(created.documentId);
    },

    async update(documentId: string, input: LayoutBody): Promise<Layout> {
      const existing = await find(documentId);
      const merged: LayoutBody = { ...rowOf(existing), ...Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) };
      await validate(merged);
      await strapi.db.transaction(async () => {
        await documentsOf(strapi, LAYOUT_UID).update({ documentId, data: { ...toData(merged), version: (existing.version ?? 1) + 1 } });
        if (merged.isDefault) await clearOtherDefaults(documentId);
      });
      return this.findOne(documentId);
    },

    /** Templates that used it take the default layout (their relation is emptied). */
    async delete(documentId: string) {
      await find(documentId);
      await documentsOf(strapi, LAYOUT_UID).delete({ documentId });
    },

    /** Whether this documentId names a layout (the template form's choice). */
    async exists(documentId: string) {
      return (await query().count({ where: { documentId } })) > 0;
    },

    /** The shipped layout, when there is none yet; true when it was created. */
    async installShipped() {
      if ((await query().count()) > 0) return false;
      await this.create(SHIPPED_LAYOUT);
      return true;
    },

    /**
     * The layout a template's mails leave in: its own, none (« sans mise en page »), or the
     * default one (none either when no layout is the default). One read, then cached shells.
     */
    async forTemplate(template: LayoutOwner): Promise<ResolvedLayout> {
      if (template.withoutLayout) return null;
      const row = template.layout ?? (await query().findOne({ where: { isDefault: true } }));
      return row ? resolveRow(row) : null;
    },

    /** The same for a template's form choice (preview of a template being edited). */
    async forChoice(choice: string | null | undefined): Promise<ResolvedLayout> {
      if (choice === LAYOUT_CHOICE.none) return null;
      const row = choice ? await query().findOne({ where: { documentId: choice } }) : null;
      return row ? resolveRow(row) : this.forTemplate({});
    },

    shell: shellFor,

    /**
     * One mail: the body (out of the sanitiser already: render's output, or sanitizeMailHtml of
     * the dialog's HTML) and the signature in the layout; the body's text when known.
     */
    compose(layout: ResolvedLayout, body: string, signature?: string | null, bodyText?: string) {
      return fillShell(shellFor(layout, signature), body, htmlToText, bodyText);
    },

    /** The preflight's sample, the template preview: the template's layout read, then compose. */
    async composeFor(template: LayoutOwner, body: string, signature?: string | null, bodyText?: string) {
      return this.compose(await this.forTemplate(template), body, signature, bodyText);
    },

    /** The layout editor's preview: the form as it is (checked, not saved) around a sample body. */
    async preview(input: LayoutBody, signature?: string | null) {
      await validate(input);
      const logo = input.logo ? ((await logosOf([input.logo])).get(input.logo) ?? null) : null;
      // Not cached: every keystroke of the form is another layout.
      const shell = buildShell(partsOf({ ...input, ...toData(input) }, logo?.url ?? null), signature, htmlToText);
      return fillShell(shell, sanitizeMailHtml(SAMPLE_BODY), htmlToText);
    },

    /** How many shells are held (tests, benchmarks). */
    cacheSize: () => shells.size,
  };
};

export type LayoutsService = ReturnType<typeof createLayoutsService>;
export default createLayoutsService;
