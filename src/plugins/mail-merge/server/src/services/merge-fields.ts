/**
 * Merge fields are written `${field_name}` in recipient, subject and body, as in MutualIT.
 * Rendering is done by Handlebars, so `${x}` is turned into `{{x}}`; Handlebars blocks such as
 * `{{#if x}}…{{/if}}` written directly also work.
 */
import Handlebars from 'handlebars';
import { errorMessage, validationError } from '../utils/errors';
import { assertTemplateBounds, maxLengthOf, TEMPLATE_LIMITS } from './template-bounds';

const DOLLAR_FIELD = /\$\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}/g;
const BUILT_IN_HELPERS = new Set(['if', 'unless', 'each', 'with', 'lookup', 'log', 'else', 'this']);
// The helpers a template may call, used as a block ({{#if x}}…{{/if}}) or inline, and how many
// arguments each takes: anything else fails only when rendered (« Missing helper »), so it is
// refused on save. `log` would copy record values into the server logs.
const BLOCK_HELPERS: Record<string, number> = { if: 1, unless: 1, each: 1, with: 1 };
const INLINE_HELPERS: Record<string, number> = { lookup: 2 };

/** The nodes that call a helper or name a field, with their params and hash. */
type CallNode = hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression;
/** A node of the parsed tree, or an absent child (a block without `{{else}}` has no inverse). */
type MaybeNode = hbs.AST.Node | null | undefined;

const isPath = (node: MaybeNode): node is hbs.AST.PathExpression => node?.type === 'PathExpression';
const isCallNode = (node: hbs.AST.Node): node is CallNode =>
  node.type === 'MustacheStatement' || node.type === 'BlockStatement' || node.type === 'SubExpression';

export const toHandlebars = (text: string) => (text ?? '').replace(DOLLAR_FIELD, (_, name) => `{{${name}}}`);

/** Field names used in one text: `${x}` and Handlebars expressions, helpers excluded. */
export const fieldsOf = (text: string, where: string, maxLength: number = TEMPLATE_LIMITS.lineLength): string[] => {
  // Measured before parsing: Handlebars' parser is what a hostile template would stall.
  assertTemplateBounds(text, where, maxLength);
  let program: hbs.AST.Program;
  try {
    program = Handlebars.parse(toHandlebars(text ?? ''));
  } catch (error) {
    throw validationError(
      'template.syntax',
      `Syntaxe invalide dans ${where} : ${errorMessage(error).split('\n')[0]}`,
      `Invalid syntax in ${where}: ${errorMessage(error).split('\n')[0]}`,
      { where }
    );
  }
  const refuse = (fr: string, en: string): never => {
    throw validationError('template.syntax', `Syntaxe invalide dans ${where} : ${fr}`, `Invalid syntax in ${where}: ${en}`, { where });
  };
  const names = new Set<string>();
  const visitPath = (node: MaybeNode) => {
    if (isPath(node) && !node.data && node.parts.length > 0 && !BUILT_IN_HELPERS.has(node.original)) {
      names.add(node.parts[0]);
    }
  };
  const visitParam = (param: MaybeNode) => (param?.type === 'SubExpression' ? visit(param) : visitPath(param));
  const visit = (node: MaybeNode): void => {
    if (!node || typeof node !== 'object') return;
    // {{{x}}} would write a merge value as raw HTML into the body: values are always escaped.
    if (node.type === 'MustacheStatement' && (node as hbs.AST.MustacheStatement).escaped === false) {
      refuse('{{{…}}} (valeur non échappée) est interdit : écrivez ${champ}', '{{{…}}} (unescaped value) is not allowed: write ${field}');
    }
    if (['PartialStatement', 'PartialBlockStatement', 'Decorator', 'DecoratorBlock'].includes(node.type)) {
      refuse('les gabarits partiels et décorateurs ({{> …}}, {{* …}}) ne sont pas pris en charge', 'partials and decorators ({{> …}}, {{* …}}) are not supported');
    }
    if (isCallNode(node)) {
      const name: string | null = isPath(node.path) ? node.path.original : null;
      const params: hbs.AST.Expression[] = node.params ?? [];
      const block = node.type === 'BlockStatement';
      const isCall =
        block || node.type === 'SubExpression' || params.length > 0 || (node.hash?.pairs?.length ?? 0) > 0 || (name !== null && BUILT_IN_HELPERS.has(name) && name !== 'this');
      if (!isCall) {
        // `{{x}}` is a field.
        visitPath(node.path);
      } else {
        // In `{{#if x}}` or `{{lookup a b}}` the path is a helper and its params are fields.
        const helpers = block ? BLOCK_HELPERS : INLINE_HELPERS;
        const shown = block ? `{{#${name ?? ''}}}` : `{{${name ?? ''} …}}`;
        if (name === null || !Object.prototype.hasOwnProperty.call(helpers, name)) {
          refuse(
            `${shown} n’est pas reconnu (seuls \${champ}, {{#if champ}}, {{#unless champ}}, {{#each champ}}, {{#with champ}} et {{lookup}} le sont)`,
            `${shown} is not known (only \${field}, {{#if field}}, {{#unless field}}, {{#each field}}, {{#with field}} and {{lookup}} are)`
          );
        }
        if (params.length !== helpers[name!]) {
          refuse(`${shown} attend ${helpers[name!]} argument(s)`, `${shown} takes ${helpers[name!]} argument(s)`);
        }
      }
      params.forEach(visitParam);
      node.hash?.pairs?.forEach((pair) => visitParam(pair.value));
      // Only a block has a program and an inverse (`{{else}}`); neither may be there.
      if (node.type === 'BlockStatement') {
        visit(node.program);
        visit(node.inverse);
      }
      return;
    }
    const { body } = node as Partial<hbs.AST.Program>;
    if (Array.isArray(body)) body.forEach(visit);
  };
  visit(program);
  return [...names];
};

export type TemplateTexts = { recipient?: string | null; subject?: string | null; body?: string | null };

/** Fields used anywhere in a template, with where each one appears. */
export const templateFields = (texts: TemplateTexts) => {
  const used = new Map<string, Set<string>>();
  const add = (where: keyof TemplateTexts, label: string) => {
    for (const name of fieldsOf(texts[where] ?? '', label, maxLengthOf(where))) {
      if (!used.has(name)) used.set(name, new Set());
      used.get(name)!.add(where);
    }
  };
  add('recipient', 'le destinataire');
  add('subject', 'le sujet');
  add('body', 'le corps');
  return used;
};

/** Fields a template uses that the extraction's columns do not provide. */
export const unknownFields = (texts: TemplateTexts, columns: string[]) => {
  const known = new Set(columns);
  return [...templateFields(texts).keys()].filter((name) => !known.has(name));
};

/**
 * The entries of a recipient field (`${email}; compta@mutuelle.fr`), split on `;` and `,` written
 * in the template itself — outside `${…}`, `{{…}}` and blocks — before any value is merged: each
 * entry then renders to exactly one address, and a value holding a comma cannot add recipients.
 */
export const recipientEntries = (text: string): string[] => {
  const source = text ?? '';
  const entries: string[] = [];
  let depth = 0;
  let start = 0;
  let i = 0;
  while (i < source.length) {
    if (source.startsWith('{{', i)) {
      const end = source.indexOf('}}', i + 2);
      const inside = source.slice(i + 2, end === -1 ? source.length : end).replace(/^~?\s*/, '');
      if (inside.startsWith('#') || (inside.startsWith('^') && inside.slice(1).replace(/~$/, '').trim() !== '')) depth += 1;
      else if (inside.startsWith('/')) depth = Math.max(0, depth - 1);
      i = end === -1 ? source.length : end + 2;
      continue;
    }
    if (source.startsWith('${', i)) {
      const end = source.indexOf('}', i + 2);
      i = end === -1 ? source.length : end + 1;
      continue;
    }
    if ((source[i] === ';' || source[i] === ',') && depth === 0) {
      entries.push(source.slice(start, i));
      start = i + 1;
    }
    i += 1;
  }
  entries.push(source.slice(start));
  return entries.map((entry) => entry.trim()).filter(Boolean);
};
