/**
 * Merge fields are written `${field_name}` in recipient, subject and body, as in MutualIT.
 * Rendering is done by Handlebars, so `${x}` is turned into `{{x}}`; Handlebars blocks such as
 * `{{#if x}}…{{/if}}` written directly also work.
 */
import Handlebars from 'handlebars';
import { validationError } from '../utils/errors';

const DOLLAR_FIELD = /\$\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}/g;
const BUILT_IN_HELPERS = new Set(['if', 'unless', 'each', 'with', 'lookup', 'log', 'else', 'this']);

export const toHandlebars = (text: string) => (text ?? '').replace(DOLLAR_FIELD, (_, name) => `{{${name}}}`);

/** Field names used in one text: `${x}` and Handlebars expressions, helpers excluded. */
export const fieldsOf = (text: string, where: string): string[] => {
  let program: hbs.AST.Program;
  try {
    program = Handlebars.parse(toHandlebars(text ?? ''));
  } catch (error: any) {
    throw validationError(
      'template.syntax',
      `Syntaxe invalide dans ${where} : ${String(error.message).split('\n')[0]}`,
      `Invalid syntax in ${where}: ${String(error.message).split('\n')[0]}`,
      { where }
    );
  }
  const names = new Set<string>();
  const visitPath = (node: any) => {
    if (node?.type === 'PathExpression' && !node.data && node.parts.length > 0 && !BUILT_IN_HELPERS.has(node.original)) {
      names.add(node.parts[0]);
    }
  };
  const visit = (node: any) => {
    if (!node || typeof node !== 'object') return;
    if (node.type === 'MustacheStatement' || node.type === 'BlockStatement' || node.type === 'SubExpression') {
      // `{{x}}` is a field; in `{{#if x}}` or `{{helper a b}}` the path is a helper, its params are fields.
      if (node.params?.length === 0 && node.type === 'MustacheStatement') visitPath(node.path);
      node.params?.forEach((param: any) => (param.type === 'SubExpression' ? visit(param) : visitPath(param)));
      node.hash?.pairs?.forEach((pair: any) => visitPath(pair.value));
      visit(node.program);
      visit(node.inverse);
      return;
    }
    if (Array.isArray(node.body)) node.body.forEach(visit);
  };
  visit(program);
  return [...names];
};

export type TemplateTexts = { recipient?: string | null; subject?: string | null; body?: string | null };

/** Fields used anywhere in a template, with where each one appears. */
export const templateFields = (texts: TemplateTexts) => {
  const used = new Map<string, Set<string>>();
  const add = (where: keyof TemplateTexts, label: string) => {
    for (const name of fieldsOf(texts[where] ?? '', label)) {
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
