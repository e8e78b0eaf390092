/** Merge fields are written `${field_name}`, as in MutualIT; simple `{{field}}` Handlebars expressions count too. */
export const MERGE_FIELD = /\$\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}/g;
const MUSTACHE = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const HELPERS = new Set(['else', 'this']);

export const fieldToken = (name: string) => `\${${name}}`;

/** Field names used in a text (HTML tags are not stripped: fields never contain `<`). */
export const fieldsIn = (text?: string | null): string[] => {
  const names = new Set<string>();
  for (const pattern of [MERGE_FIELD, MUSTACHE]) {
    for (const match of (text ?? '').matchAll(pattern)) if (!HELPERS.has(match[1])) names.add(match[1]);
  }
  return [...names];
};

export type FieldTarget = 'recipient' | 'subject' | 'body';

/** Unknown fields per input, given the extraction's columns (null when no extraction is chosen). */
export const unknownFieldsByTarget = (texts: Record<FieldTarget, string>, columns: string[] | null) => {
  const result: Record<FieldTarget, string[]> = { recipient: [], subject: [], body: [] };
  if (!columns) return result;
  const known = new Set(columns);
  for (const target of Object.keys(result) as FieldTarget[]) {
    result[target] = fieldsIn(texts[target]).filter((name) => !known.has(name));
  }
  return result;
};

/** Inserts `token` in `value` in place of the selection [start, end). */
export const insertAt = (value: string, token: string, start?: number | null, end?: number | null) => {
  const from = start ?? value.length;
  const to = end ?? from;
  return { value: value.slice(0, from) + token + value.slice(to), caret: from + token.length };
};
