/**
 * Limits a template's text must respect BEFORE Handlebars reads it.
 *
 * Handlebars' parser is recursive and its cost grows faster than the text: 5 000 nested
 * `{{#if}}` take 11 s of the event loop to parse (and 20 000 overflow the stack), 10 000 fields
 * one second. So size, number of expressions and block depth are measured here by one linear scan
 * of the text, and a template past them is a 400 that never reaches the parser. Within these
 * limits parsing and compiling stay under ~100 ms.
 */
import { validationError } from '../utils/errors';

export const TEMPLATE_LIMITS = {
  /** Characters of the body (a letter of several pages is ~20 000). */
  bodyLength: 100_000,
  /** Characters of the subject and of the recipient. */
  lineLength: 1_000,
  /** `${field}` and `{{…}}` expressions in one text. */
  expressions: 1_000,
  /** Blocks inside blocks ({{#if}} in {{#each}} …); each `{{else if}}` counts as one more. */
  depth: 10,
  /** Parentheses inside one expression ((lookup (lookup a b) c)). */
  subExpressionDepth: 5,
} as const;

export type TemplateMeasure = { length: number; expressions: number; depth: number; subExpressionDepth: number };

// `{{` with optional whitespace control, then what opens, closes or chains a block.
const OPENING = /\{\{~?\s*(#\*?|\^|\/|else\b)?/g;

/** One pass over the text: no regex backtracking, no recursion. */
export const measureTemplate = (text: string): TemplateMeasure => {
  const source = text ?? '';
  let expressions = source.split('${').length - 1;
  // Each open block remembers how many levels it added ({{else if}} adds one to its block).
  const open: number[] = [];
  let depth = 0;
  let maxDepth = 0;
  let maxParens = 0;
  OPENING.lastIndex = 0;
  for (let match = OPENING.exec(source); match; match = OPENING.exec(source)) {
    expressions += 1;
    const end = source.indexOf('}}', OPENING.lastIndex);
    const inside = source.slice(OPENING.lastIndex, end === -1 ? source.length : end);
    let parens = 0;
    for (const char of inside) {
      if (char === '(') maxParens = Math.max(maxParens, (parens += 1));
      else if (char === ')') parens -= 1;
    }
    const sigil = match[1];
    const standsAlone = inside.trim().replace(/~$/, '').trim() === '';
    if (sigil?.startsWith('#') || (sigil === '^' && !standsAlone)) {
      open.push(1);
      depth += 1;
    } else if (sigil === '/') {
      depth -= open.pop() ?? 0;
    } else if (sigil === 'else' && !standsAlone && open.length > 0) {
      open[open.length - 1] += 1;
      depth += 1;
    }
    maxDepth = Math.max(maxDepth, depth);
  }
  return { length: source.length, expressions, depth: maxDepth, subExpressionDepth: maxParens };
};

/** Throws a French 400 when one text of a template is past a limit; `where` names it (« le corps »). */
export const assertTemplateBounds = (text: string | null | undefined, where: string, maxLength: number = TEMPLATE_LIMITS.lineLength) => {
  const measure = measureTemplate(text ?? '');
  const refuse = (code: string, fr: string, en: string): never => {
    throw validationError(code, `Modèle trop complexe (${where}) : ${fr}`, `Template too complex (${where}): ${en}`, { where, measure });
  };
  if (measure.length > maxLength) {
    refuse('template.too-large', `${measure.length} caractères pour ${maxLength} au plus.`, `${measure.length} characters, at most ${maxLength}.`);
  }
  if (measure.depth > TEMPLATE_LIMITS.depth) {
    refuse(
      'template.too-deep',
      `${measure.depth} blocs imbriqués ({{#if}}, {{#each}}…) pour ${TEMPLATE_LIMITS.depth} au plus.`,
      `${measure.depth} nested blocks ({{#if}}, {{#each}}…), at most ${TEMPLATE_LIMITS.depth}.`
    );
  }
  if (measure.subExpressionDepth > TEMPLATE_LIMITS.subExpressionDepth) {
    refuse(
      'template.too-deep',
      `${measure.subExpressionDepth} parenthèses imbriquées pour ${TEMPLATE_LIMITS.subExpressionDepth} au plus.`,
      `${measure.subExpressionDepth} nested parentheses, at most ${TEMPLATE_LIMITS.subExpressionDepth}.`
    );
  }
  if (measure.expressions > TEMPLATE_LIMITS.expressions) {
    refuse(
      'template.too-many-fields',
      `${measure.expressions} champs et expressions pour ${TEMPLATE_LIMITS.expressions} au plus.`,
      `${measure.expressions} fields and expressions, at most ${TEMPLATE_LIMITS.expressions}.`
    );
  }
};

/** The limit of each text of a template, by the field it is in. */
export const maxLengthOf = (where: 'recipient' | 'subject' | 'body') => (where === 'body' ? TEMPLATE_LIMITS.bodyLength : TEMPLATE_LIMITS.lineLength);
