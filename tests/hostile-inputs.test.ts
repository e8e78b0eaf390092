import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type supertest from 'supertest';
import { apiToken, superAdminToken, userWithActions } from './helpers/admin';
import { createHousehold, createProfessional } from './helpers/records';
import { setupStrapi, type TestApp } from './helpers/strapi';

/**
 * The bad-input corpus: hostile inputs across extractions, templates, addresses, rights,
 * attachments, the content API and the members' space. Each one must get a 4xx (never a 500)
 * with its French message, and leave everything as it was: no ledger row, no event, no batch,
 * nothing at the SMTP sink, no changed row in any table a case could target (the tables are
 * dumped before and after each case and compared).
 */
type Kind = 'extractions' | 'templates' | 'addresses' | 'rights' | 'attachments' | 'content-api' | 'members' | 'grouped';
type Case = { kind: Kind; name: string; status: number; message: RegExp; run: () => supertest.Test };

const FROM = 'gestion@mutuelle.example.test';
const CM_READ = 'plugin::content-manager.explorer.read';
const CM_UPDATE = 'plugin::content-manager.explorer.update';
const BENEFICIARY = 'api::beneficiary.beneficiary';
const ADHESION = 'api::adhesion.adhesion';

/** Tables a hostile input could try to change, by uid (components and plugins included). */
const WATCHED = [
  'plugin::mail-merge.message',
  'plugin::mail-merge.event',
  'plugin::mail-merge.batch',
  'plugin::mail-merge.template',
  'plugin::mail-merge.extraction',
  'plugin::mail-merge.page-binding',
  'plugin::mail-merge.sender-profile',
  'api::adhesion.adhesion',
  'api::beneficiary.beneficiary',
  'api::consent-change.consent-change',
  'api::notification-type.notification-type',
  'membership.consent',
  'plugin::upload.file',
];
/** Credentials: only the columns a write would change (API tokens note their last use). */
const CREDENTIALS: Record<string, string[]> = {
  'admin::user': ['id', 'email', 'password', 'is_active', 'blocked'],
  'plugin::users-permissions.user': ['id', 'email', 'password', 'blocked'],
  'admin::api-token': ['id', 'name', 'access_key', 'type'],
};

describe('bad-input corpus: 4xx in French, nothing written', () => {
  let app: TestApp;
  let superToken: string;
  let templateId: string;
  let extractionId: string;
  let fixedTemplateId: string;
  let household: Awaited<ReturnType<typeof createHousehold>>;
  let refused: Awaited<ReturnType<typeof createHousehold>>;
  let othersHousehold: Awaited<ReturnType<typeof createHousehold>>;
  let professional: any;
  let fullToken: string;
  let readOnlyToken: string;
  let memberJwt: string;
  let users: Record<'creatorOnly' | 'noEmailField' | 'templatesReader' | 'consentOther' | 'mediaCreatorOnly' | 'extractionsReader', string>;
  let othersFileId: number;
  let mailOfAnotherToken: string;
  let batchId: string;
  let trackerToken: string;

  const admin = (method: 'get' | 'post' | 'put' | 'delete', url: string, token = superToken) =>
    app.request()[method](`/mail-merge${url}`).set('Authorization', `Bearer ${token}`);
  const contentApi = (method: 'get' | 'post', url: string, token = fullToken) =>
    app.request()[method](`/api/mail-merge${url}`).set('Authorization', `Bearer ${token}`);
  const member = (body: unknown, jwt = memberJwt) =>
    app.request().put('/api/my/adhesion/preferences').set('Authorization', `Bearer ${jwt}`).send(body as object);
  const send = (extra: Record<string, unknown>, token = superToken) =>
    admin('post', '/send', token).send({
      page: 'beneficiaries',
      record: household.insured.documentId,
      template: templateId,
      from: FROM,
      to: ['membre@example.test'],
      ...extra,
    });
  const template = (extra: Record<string, unknown>) =>
    admin('post', '/templates').send({
      family: 'Corpus',
      title: 'Modèle hostile',
      description: 'Corpus',
      subject: 'Adhésion ${num_adhesion}',
      body: '<p>Bonjour ${prenom}</p>',
      page: 'beneficiaries',
      extraction: extractionId,
      ...extra,
    });
  const extraction = (query: string, route = '/extractions', pages = ['beneficiaries']) =>
    admin('post', route).send(route === '/extractions/test' ? { query } : { title: 'Extraction hostile', description: 'Corpus', pages, query });
  const batch = (selection: unknown, route = '/batches', token = superToken, extra: Record<string, unknown> = {}) =>
    admin('post', route, token).send({ page: 'beneficiaries', template: templateId, selection, ...extra });

  /** Every watched row, in a stable order: two dumps are equal only if nothing was written. */
  const dump = async () => {
    const knex = app.strapi.db.connection;
    const tables: Record<string, unknown> = {};
    for (const uid of WATCHED) {
      const { tableName } = app.strapi.db.metadata.get(uid as any) as any;
      tables[tableName] = await knex(tableName).select('*').orderBy('id');
    }
    for (const [uid, columns] of Object.entries(CREDENTIALS)) {
      const { tableName } = app.strapi.db.metadata.get(uid as any) as any;
      tables[tableName] = await knex(tableName).select(columns).orderBy('id');
    }
    return JSON.stringify(tables);
  };

  const cases = (): Case[] => {
    const sqlite = app.client === 'sqlite';
    return [
      // ── Extractions (as super admin: the walls hold whoever asks) ──
      { kind: 'extractions', name: 'DELETE instead of SELECT', status: 400, message: /^Seule une requête SELECT est autorisée \(instruction « DELETE » refusée\)\.$/, run: () => extraction('delete from beneficiaries') },
      { kind: 'extractions', name: 'UPDATE of admin_users', status: 400, message: /^Seule une requête SELECT est autorisée/, run: () => extraction("update admin_users set email = 'pirate@x.fr'") },
      { kind: 'extractions', name: 'a second statement after a SELECT', status: 400, message: /une seule instruction/, run: () => extraction('select document_id from beneficiaries; delete from adhesions') },
      { kind: 'extractions', name: 'a second statement on the check route', status: 400, message: /une seule instruction|non reconnue/, run: () => extraction("select 1 as document_id; update admin_users set email = 'x'", '/extractions/check') },
      { kind: 'extractions', name: 'a second statement on the test route', status: 400, message: /une seule instruction|non reconnue/, run: () => extraction("select 1; commit; update admin_users set email = 'x'", '/extractions/test') },
      { kind: 'extractions', name: 'a statement hidden after a comment line', status: 400, message: /une seule instruction|non reconnue/, run: () => extraction('select document_id from beneficiaries --\n; drop table adhesions') },
      { kind: 'extractions', name: 'admin_users read directly', status: 400, message: /^La requête lit une table (interdite|non autorisée)/, run: () => extraction('select id as document_id, email, password from admin_users') },
      { kind: 'extractions', name: 'API tokens read in a sub-select', status: 400, message: /^La requête lit une table (interdite|non autorisée)/, run: () => extraction('select document_id, (select access_key from strapi_api_tokens limit 1) as k from beneficiaries') },
      { kind: 'extractions', name: 'members’ accounts read in a CTE', status: 400, message: /^La requête lit une table (interdite|non autorisée)/, run: () => extraction('with u as (select * from up_users) select document_id, u.password from beneficiaries, u') },
      { kind: 'extractions', name: 'core store read through a UNION', status: 400, message: /^La requête lit une table (interdite|non autorisée)/, run: () => extraction('select document_id, first_name from beneficiaries union select key, value from strapi_core_store_settings') },
      { kind: 'extractions', name: 'the ledger read by a quoted, upper-case name', status: 400, message: /^La requête lit une table (interdite|non autorisée)/, run: () => extraction('select document_id, "HTML" from "MAIL_MERGE_MESSAGES"') },
      {
        kind: 'extractions',
        name: 'a backslash literal hiding a sub-select of admin_users',
        status: 400,
        message: /^(La requête lit une table|Requête non reconnue|Erreur SQL)/,
        run: () => extraction("select document_id, 'a\\' as x, (select password from admin_users limit 1) as leak, 'b\\' as y from beneficiaries", '/extractions/test'),
      },
      { kind: 'extractions', name: 'SELECT … INTO', status: 400, message: /SELECT … INTO est interdit|non reconnue/, run: () => extraction('select * into copie from beneficiaries') },
      { kind: 'extractions', name: 'FOR UPDATE', status: 400, message: /verrouillage|non reconnue/, run: () => extraction('select document_id from beneficiaries for update') },
      { kind: 'extractions', name: 'an empty query', status: 400, message: /^La requête est vide\.$/, run: () => extraction('   ') },
      sqlite
        ? { kind: 'extractions', name: 'the schema table', status: 400, message: /^La requête lit une table (interdite|non autorisée)/, run: () => extraction('select name as document_id, sql from sqlite_master') }
        : { kind: 'extractions', name: 'the catalog', status: 400, message: /^La requête lit une table (interdite|non autorisée)/, run: () => extraction('select rolname as document_id, rolpassword from pg_catalog.pg_authid') },
      sqlite
        ? { kind: 'extractions', name: 'a pragma table-valued function', status: 400, message: /^La requête (lit une table|appelle une fonction)/, run: () => extraction("select name as document_id from pragma_table_info('admin_users')") }
        : { kind: 'extractions', name: 'SQL run from text (query_to_xml)', status: 400, message: /^La requête appelle une fonction interdite/, run: () => extraction("select 'x' as document_id, query_to_xml('select password from admin_users', true, false, '') as leak") },
      { kind: 'extractions', name: 'a title on two lines', status: 400, message: /title : saut de ligne ou caractère de contrôle interdit/, run: () => admin('post', '/extractions').send({ title: 'A\nB', pages: [], query: 'select document_id from beneficiaries' }) },
      { kind: 'extractions', name: 'an unknown page', status: 400, message: /^Page inconnue : nulle-part$/, run: () => extraction('select document_id from beneficiaries', '/extractions', ['nulle-part']) },
      { kind: 'extractions', name: 'no key column for its page', status: 400, message: /^La requête doit fournir la colonne « document_id »/, run: () => extraction('select first_name from beneficiaries') },

      // ── Templates ──
      { kind: 'templates', name: '20 000 nested {{#if}}', status: 400, message: /^Modèle trop complexe \(le corps\) : \d+ caractères pour 100000 au plus\.$/, run: () => template({ body: '{{#if prenom}}'.repeat(20_000) + '{{/if}}'.repeat(20_000) }) },
      { kind: 'templates', name: '4 000 nested blocks', status: 400, message: /^Modèle trop complexe \(le corps\) : 4000 blocs imbriqués/, run: () => template({ body: '{{#if prenom}}'.repeat(4_000) + '{{/if}}'.repeat(4_000) }) },
      { kind: 'templates', name: '5 000 merge fields', status: 400, message: /^Modèle trop complexe \(le corps\) : 5000 champs et expressions/, run: () => template({ body: '${prenom}'.repeat(5_000) }) },
      { kind: 'templates', name: 'an unescaped value {{{…}}}', status: 400, message: /^Syntaxe invalide dans le corps : \{\{\{…\}\}\} \(valeur non échappée\) est interdit/, run: () => template({ body: '{{{prenom}}}' }) },
      { kind: 'templates', name: 'a partial', status: 400, message: /^Syntaxe invalide dans le corps : les gabarits partiels/, run: () => template({ body: '{{> entete}}' }) },
      { kind: 'templates', name: 'the log helper', status: 400, message: /^Syntaxe invalide dans le corps : \{\{log …\}\} n’est pas reconnu/, run: () => template({ body: '{{log prenom}}' }) },
      { kind: 'templates', name: 'a field the extraction lacks', status: 400, message: /^Champs de fusion inconnus de l’extraction .* : \$\{mot_de_passe\}\.$/, run: () => template({ body: '${mot_de_passe}' }) },
      { kind: 'templates', name: 'required fields empty', status: 400, message: /^Champs obligatoires non renseignés : Intitulé, Description, Sujet\.$/, run: () => template({ title: '', description: null, subject: ' ' }) },
      { kind: 'templates', name: 'a subject with a line break', status: 400, message: /subject : saut de ligne ou caractère de contrôle interdit/, run: () => template({ subject: 'Bonjour\r\nBcc: victime@example.test' }) },
      { kind: 'templates', name: 'a body with NUL', status: 400, message: /body : caractère NUL interdit/, run: () => template({ body: '<p>a\u0000b</p>' }) },
      { kind: 'templates', name: 'a fixed recipient that is no address', status: 400, message: /^Adresse e-mail invalide \(destinataire\) : pas-une-adresse$/, run: () => template({ recipient: 'pas-une-adresse' }) },
      { kind: 'templates', name: 'an extraction of another page', status: 400, message: /n’est pas accessible à partir de la page « Gestion des structures »/, run: () => template({ page: 'structures' }) },
      { kind: 'templates', name: 'a preview on an unknown record', status: 404, message: /^Fiche introuvable/, run: () => admin('post', `/templates/${templateId}/preview`).send({ record: 'zzzzzzzzzzzzzzzzzzzzzzzz' }) },
      { kind: 'templates', name: 'a duplicate to an unknown page', status: 400, message: /Page inconnue/, run: () => admin('post', `/templates/${templateId}/duplicate`).send({ page: 'nulle-part' }) },

      // ── Addresses (single send) ──
      { kind: 'addresses', name: 'a header injected in « Pour »', status: 400, message: /^Adresse e-mail invalide \(Pour\) : saut de ligne ou caractère de contrôle interdit$/, run: () => send({ to: ['membre@example.test\r\nBcc: victime@example.test'] }) },
      { kind: 'addresses', name: 'NUL in « Pour »', status: 400, message: /^Adresse e-mail invalide \(Pour\) : saut de ligne ou caractère de contrôle interdit$/, run: () => send({ to: ['membre\u0000@example.test'] }) },
      { kind: 'addresses', name: 'ESC in « Copie à »', status: 400, message: /^Adresse e-mail invalide \(Copie à\) : saut de ligne ou caractère de contrôle interdit$/, run: () => send({ cc: ['\u001b[31m@example.test'] }) },
      { kind: 'addresses', name: 'DEL in « Copie cachée »', status: 400, message: /^Adresse e-mail invalide \(Copie cachée\) : saut de ligne ou caractère de contrôle interdit$/, run: () => send({ bcc: ['cachee\u007f@example.test'] }) },
      { kind: 'addresses', name: 'two addresses in one entry', status: 400, message: /^Adresse e-mail invalide \(Pour\) : une seule adresse par entrée$/, run: () => send({ to: ['a@example.test, b@example.test'] }) },
      { kind: 'addresses', name: 'no recipient', status: 400, message: /^Aucun destinataire : renseignez le champ « Pour »\.$/, run: () => send({ to: [] }) },
      { kind: 'addresses', name: 'a sender of another organisation', status: 400, message: /^L’adresse d’expéditeur doit appartenir à la mutuelle/, run: () => send({ from: 'pdg@concurrent.example.com' }) },
      { kind: 'addresses', name: 'a sender with a line break', status: 400, message: /^Adresse e-mail invalide \(expéditeur\) : saut de ligne/, run: () => send({ from: 'gestion@mutuelle.example.test\nBcc: x@y.fr' }) },
      { kind: 'addresses', name: '51 recipients', status: 400, message: /^Trop de destinataires \(50 au plus\)\.$/, run: () => send({ to: Array.from({ length: 51 }, (_, i) => `m${i}@example.test`) }) },
      { kind: 'addresses', name: 'a subject with a line break', status: 400, message: /subject : saut de ligne ou caractère de contrôle interdit/, run: () => send({ subject: 'Objet\r\nBcc: x@y.fr' }) },
      { kind: 'addresses', name: 'a body with NUL', status: 400, message: /html : caractère NUL interdit/, run: () => send({ html: '<p>\u0000</p>' }) },
      { kind: 'addresses', name: 'a record of another page', status: 404, message: /^Fiche introuvable/, run: () => send({ record: professional.documentId }) },
      { kind: 'addresses', name: 'a membership that refused e-mail', status: 403, message: /refus/i, run: () => send({ record: refused.insured.documentId }) },
      { kind: 'addresses', name: 'a profile address with a line break', status: 400, message: /caractère de contrôle interdit/, run: () => admin('put', '/profile').send({ email: 'gestion@mutuelle.example.test\r\nBcc: x@y.fr' }) },
      { kind: 'addresses', name: 'a profile address of another domain', status: 400, message: /^L’adresse d’expéditeur doit appartenir à la mutuelle/, run: () => admin('put', '/profile').send({ email: 'moi@gmail.example.com' }) },

      // ── Rights (Content Manager conditions and field rights, on the plugin's routes) ──
      { kind: 'rights', name: 'sending to a record outside « is creator »', status: 403, message: /^Vous n’avez pas accès à cette fiche\.$/, run: () => send({ record: othersHousehold.insured.documentId }, users.creatorOnly) },
      { kind: 'rights', name: 'composing for a record outside « is creator »', status: 403, message: /^Vous n’avez pas accès à cette fiche\.$/, run: () => admin('post', '/compose', users.creatorOnly).send({ page: 'beneficiaries', record: othersHousehold.insured.documentId, template: templateId }) },
      { kind: 'rights', name: 'ticked ids outside « is creator »', status: 403, message: /^2 fiches sélectionnées ne vous sont pas accessibles\.$/, run: () => batch({ ids: [household.insured.documentId, othersHousehold.insured.documentId, othersHousehold.dependant.documentId] }, '/batches', users.creatorOnly) },
      { kind: 'rights', name: 'a filter on a field the role may not read', status: 400, message: /^La liste est filtrée sur un champ que vous n’avez pas le droit de consulter/, run: () => batch({ filters: { email: { $contains: 'example' } } }, '/batches', users.noEmailField) },
      { kind: 'rights', name: 'the same filter hidden in $and', status: 400, message: /^La liste est filtrée sur un champ que vous n’avez pas le droit de consulter/, run: () => batch({ filters: { $and: [{ lastName: { $ne: 'x' } }, { email: { $null: false } }] } }, '/batches/preflight', users.noEmailField) },
      { kind: 'rights', name: 'a record search without the Content Manager right', status: 403, message: /^Vous n’avez pas le droit de consulter les fiches/, run: () => admin('get', '/pages/beneficiaries/records?search=Durand', users.templatesReader) },
      { kind: 'rights', name: 'a preview without the Content Manager right', status: 403, message: /^Vous n’avez pas le droit de consulter les fiches/, run: () => admin('post', `/templates/${templateId}/preview`, users.templatesReader).send({ record: household.insured.documentId }) },
      { kind: 'rights', name: 'e-mail consent changed by a role that may edit other fields only', status: 403, message: /^Vous n’avez pas le droit de modifier ces champs de l’adhésion \(consentement ou choix de notification\)\.$/, run: () => admin('put', `/consent/beneficiaries/${household.insured.documentId}`, users.consentOther).send({ levels: { email: 'public' } }) },
      { kind: 'rights', name: 'an extraction written with the read right only', status: 403, message: /.+/, run: () => extraction('select document_id from beneficiaries').set('Authorization', `Bearer ${users.extractionsReader}`) },

      { kind: 'rights', name: 'a grouped send’s report without the Content Manager right', status: 403, message: /^Vous n’avez pas le droit de consulter les fiches « Bénéficiaire »/, run: () => admin('get', `/batches/${batchId}/report.csv`, trackerToken) },
      { kind: 'rights', name: 'a grouped send’s progress without the Content Manager right', status: 403, message: /^Vous n’avez pas le droit de consulter les fiches « Bénéficiaire »/, run: () => admin('get', `/batches/${batchId}`, trackerToken) },
      { kind: 'rights', name: 'cancelling a grouped send without the Content Manager right', status: 403, message: /^Vous n’avez pas le droit de consulter les fiches « Bénéficiaire »/, run: () => admin('post', `/batches/${batchId}/cancel`, trackerToken) },

      // ── Attachments ──
      { kind: 'attachments', name: 'a file that does not exist', status: 400, message: /^Pièce jointe introuvable\.$/, run: () => send({ attachments: [987654] }) },
      { kind: 'attachments', name: 'more files than allowed', status: 400, message: /^Trop de pièces jointes \(5 au plus\)\.$/, run: () => send({ attachments: [othersFileId, othersFileId, othersFileId, othersFileId, othersFileId, othersFileId] }) },
      { kind: 'attachments', name: 'a file the Media Library does not show this user', status: 403, message: /pièce|fichier/i, run: () => send({ attachments: [othersFileId] }, users.mediaCreatorOnly) },
      { kind: 'attachments', name: 'the same file in a grouped send', status: 403, message: /pièce|fichier/i, run: () => batch({ ids: [household.insured.documentId] }, '/batches', users.mediaCreatorOnly, { attachments: [othersFileId] }) },

      // ── Content API (front-offices) ──
      { kind: 'content-api', name: 'a header injected in `to`', status: 400, message: /^Adresse e-mail invalide \(Pour\) : saut de ligne ou caractère de contrôle interdit$/, run: () => contentApi('post', '/messages').send({ template: templateId, record: household.insured.documentId, to: ['a@example.test\nBcc: b@example.test'] }) },
      { kind: 'content-api', name: 'NUL in `cc`', status: 400, message: /^Adresse e-mail invalide \(Copie à\) : saut de ligne ou caractère de contrôle interdit$/, run: () => contentApi('post', '/messages').send({ template: templateId, record: household.insured.documentId, cc: ['c\u0000@example.test'] }) },
      { kind: 'content-api', name: 'an unknown template', status: 404, message: /^Modèle de mail introuvable\.$/, run: () => contentApi('post', '/messages').send({ template: 'zzzzzzzzzzzzzzzzzzzzzzzz', record: household.insured.documentId }) },
      { kind: 'content-api', name: 'a record of another page', status: 404, message: /^Fiche introuvable/, run: () => contentApi('post', '/messages').send({ template: templateId, record: professional.documentId }) },
      { kind: 'content-api', name: 'a membership that refused e-mail', status: 403, message: /refus/i, run: () => contentApi('post', '/messages').send({ template: templateId, record: refused.insured.documentId }) },
      { kind: 'content-api', name: 'another token’s mail', status: 404, message: /^Mail introuvable\.$/, run: () => contentApi('get', `/messages/${mailOfAnotherToken}`) },
      { kind: 'content-api', name: 'an unknown page', status: 404, message: /^Page inconnue : « secrets »\.$/, run: () => contentApi('get', '/templates?page=secrets') },
      { kind: 'content-api', name: 'a fixed recipient template with too many recipients', status: 400, message: /^Trop de destinataires/, run: () => contentApi('post', '/messages').send({ template: fixedTemplateId, record: household.insured.documentId, bcc: Array.from({ length: 50 }, (_, i) => `b${i}@example.test`) }) },

      // ── Members' space ──
      { kind: 'members', name: 'an unknown consent level', status: 400, message: /consent\.email : niveau inconnu « total »/, run: () => member({ consent: { email: 'total' } }) },
      { kind: 'members', name: 'an unknown consent channel', status: 400, message: /champ inconnu/, run: () => member({ consent: { pigeon: 'public' } }) },
      { kind: 'members', name: 'a field outside the preferences', status: 400, message: /champ inconnu/, run: () => member({ number: 'ADH-0000' }) },
      { kind: 'members', name: 'channels that are not a list', status: 400, message: /^notifications : à chaque type de notification, une liste de canaux/, run: () => member({ notifications: { 'remboursement-assure': 'mail' } }) },
      { kind: 'members', name: 'an unknown notification type', status: 400, message: /Type de notification inconnu/, run: () => member({ notifications: { 'releve-inconnu': ['mail'] } }) },
      { kind: 'members', name: 'a type the mutual has not activated', status: 400, message: /n’est pas activée par la mutuelle/, run: () => member({ notifications: { 'rejet-virement-sante': ['mail'] } }) },
      { kind: 'members', name: 'a channel the mutual does not offer', status: 400, message: /ne propose pas le canal « sms »/, run: () => member({ notifications: { 'remboursement-assure': ['sms'] } }) },
      { kind: 'members', name: 'an API token in the members’ space', status: 403, message: /^Espace adhérent : connectez-vous avec votre compte adhérent\.$/, run: () => member({ consent: { email: 'public' } }, fullToken) },

      // ── Grouped sends ──
      { kind: 'grouped', name: 'an empty selection', status: 400, message: /^Aucune fiche sélectionnée\.$/, run: () => batch({ ids: [] }) },
      { kind: 'grouped', name: 'a template of another page', status: 400, message: /n’est pas utilisable depuis la page « Gestion des bénéficiaires »/, run: () => admin('post', '/batches').send({ page: 'beneficiaries', template: professionalTemplateId(), selection: { ids: [household.insured.documentId] } }) },
      { kind: 'grouped', name: 'a search on two lines', status: 400, message: /search : saut de ligne ou caractère de contrôle interdit/, run: () => batch({ search: 'Durand\u0000' }, '/batches/preflight') },
      { kind: 'grouped', name: 'consent changed to an unknown level from the gestionnaire’s form', status: 400, message: /levels\.email : niveau inconnu « tout »/, run: () => admin('put', `/consent/beneficiaries/${household.insured.documentId}`).send({ levels: { email: 'tout' } }) },
    ];
  };
  let professionalTemplate = '';
  const professionalTemplateId = () => professionalTemplate;

  beforeAll(async () => {
    app = await setupStrapi();
    superToken = await superAdminToken(app);
    await admin('put', '/profile').send({ email: FROM, signature: '' }).expect(200);
    household = await createHousehold(app, 'interne', 'corpus');
    refused = await createHousehold(app, 'refus', 'corpus-refus');
    othersHousehold = await createHousehold(app, 'interne', 'corpus-autre');
    professional = await createProfessional(app, 'corpus');
    const shipped = (await admin('get', '/templates?page=beneficiaries').expect(200)).body.data;
    templateId = shipped.find((t: any) => t.title === 'Demande de pièces justificatives').documentId;
    professionalTemplate = (await admin('get', '/templates?page=health-professionals').expect(200)).body.data[0].documentId;
    extractionId = (
      await extraction(`select b.document_id, b.first_name as prenom, a.number as num_adhesion
from beneficiaries b join beneficiaries_adhesion_lnk l on l.beneficiary_id = b.id join adhesions a on a.id = l.adhesion_id`).expect(201)
    ).body.data.documentId;
    fixedTemplateId = (await template({ title: 'Destinataire fixe', recipient: 'accueil@mutuelle.example.test' }).expect(201)).body.data.documentId;

    // The « is creator » user owns the household, not the other one.
    const send = ['plugin::mail-merge.send-single', 'plugin::mail-merge.send-bulk', 'plugin::mail-merge.templates-read'];
    const creator = await userWithActions(app, [...send, { action: CM_READ, subject: BENEFICIARY, conditions: ['admin::is-creator'] }]);
    for (const id of [household.insured.documentId, household.dependant.documentId]) {
      await app.strapi.db.query(BENEFICIARY as any).update({ where: { documentId: id }, data: { createdBy: creator.userId } });
    }
    const noEmail = await userWithActions(app, [
      ...send,
      { action: CM_READ, subject: BENEFICIARY, properties: { fields: ['civility', 'lastName', 'firstName', 'birthDate', 'role', 'adhesion'] } },
    ]);
    const reader = await userWithActions(app, ['plugin::mail-merge.templates-read']);
    const consentOther = await userWithActions(app, [
      ...send,
      { action: CM_READ, subject: BENEFICIARY },
      { action: CM_READ, subject: ADHESION },
      { action: CM_UPDATE, subject: ADHESION, properties: { fields: ['number', 'startDate'] } },
    ]);
    const mediaCreator = await userWithActions(app, [
      ...send,
      { action: CM_READ, subject: BENEFICIARY },
      { action: 'plugin::upload.read', subject: 'plugin::upload.file', conditions: ['admin::is-creator'] },
    ]);
    const extractionsReader = await userWithActions(app, ['plugin::mail-merge.extractions-read']);
    users = {
      creatorOnly: creator.token,
      noEmailField: noEmail.token,
      templatesReader: reader.token,
      consentOther: consentOther.token,
      mediaCreatorOnly: mediaCreator.token,
      extractionsReader: extractionsReader.token,
    };
    for (const token of [users.creatorOnly, users.noEmailField, users.consentOther, users.mediaCreatorOnly]) await admin('put', '/profile', token).send({ email: FROM, signature: '' }).expect(200);

    // A file uploaded by the super admin: the « creator only » Media Library role does not see it.
    const uploaded = await app
      .request()
      .post('/upload')
      .set('Authorization', `Bearer ${superToken}`)
      .attach('files', Buffer.from('%PDF-1.4 corpus'), { filename: 'releve.pdf', contentType: 'application/pdf' })
      .expect(201);
    othersFileId = uploaded.body[0].id;

    fullToken = await apiToken(app, 'full-access');
    readOnlyToken = await apiToken(app, 'read-only');
    // One mail sent by another front-office token, before the corpus starts.
    const other = await apiToken(app, 'full-access');
    mailOfAnotherToken = (await contentApi('post', '/messages', other).send({ template: templateId, record: household.insured.documentId }).expect(202)).body.data.documentId;
    // And one grouped send, finished, for the report and progress routes.
    batchId = (await batch({ ids: [othersHousehold.insured.documentId] }).expect(202)).body.data.documentId;
    await app.sink.waitFor(2, 15_000);
    app.sink.clear();
    trackerToken = (await userWithActions(app, ['plugin::mail-merge.messages-read', 'plugin::mail-merge.send-bulk'])).token;

    // A member account linked to the household's adhesion.
    const role = await app.strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
    const account = await app.strapi
      .plugin('users-permissions')
      .service('user')
      .add({ username: 'corpus.membre', email: 'corpus.membre@example.test', password: 'Membre-Corpus-2026', provider: 'local', confirmed: true, blocked: false, role: role.id });
    await (app.strapi.documents as any)(ADHESION).update({ documentId: household.adhesion.documentId, data: { member: account.documentId } });
    memberJwt = (await app.request().post('/api/auth/local').send({ identifier: 'corpus.membre@example.test', password: 'Membre-Corpus-2026' }).expect(200)).body.jwt;
  });

  afterAll(async () => {
    await app?.teardown();
  });

  it('holds at least 60 hostile inputs, across every class', () => {
    const all = cases();
    expect(all.length).toBeGreaterThanOrEqual(60);
    const kinds = new Set(all.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(['addresses', 'attachments', 'content-api', 'extractions', 'grouped', 'members', 'rights', 'templates']);
    expect(readOnlyToken).toEqual(expect.any(String));
  });

  it('answers each with its 4xx and French message, and writes nothing', async () => {
    const failures: string[] = [];
    const counts: Record<string, number> = {};
    for (const hostile of cases()) {
      const label = `[${hostile.kind}] ${hostile.name}`;
      counts[hostile.kind] = (counts[hostile.kind] ?? 0) + 1;
      const before = await dump();
      const sinkBefore = app.sink.messages.length;
      const res = await hostile.run();
      const message = String(res.body?.error?.message ?? '');
      if (res.status !== hostile.status) failures.push(`${label}: status ${res.status} (expected ${hostile.status}) ${message}`);
      else if (!hostile.message.test(message)) failures.push(`${label}: message « ${message} » does not match ${hostile.message}`);
      if ((await dump()) !== before) failures.push(`${label}: something was written`);
      if (app.sink.messages.length !== sinkBefore) failures.push(`${label}: a mail reached the SMTP sink`);
    }
    console.log(`bad-input corpus (${app.client}): ${Object.entries(counts).map(([kind, n]) => `${kind} ${n}`).join(', ')}`);
    expect(failures).toEqual([]);
    // Nothing left queued that the dispatcher could still deliver.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(app.sink.messages).toHaveLength(0);
  });
});
