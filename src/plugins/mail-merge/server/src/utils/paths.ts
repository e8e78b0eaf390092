/**
 * Dotted attribute paths through relations and components (`beneficiary.adhesion.consent.email`):
 * the Document Service populate that loads them, and reading them from the loaded record.
 */
/** A Document Service populate: `true` for a relation or component, or what to populate in it. */
export type Populate = { [field: string]: true | { populate: Populate } };

export const populateFor = (paths: string[]) => {
  const root: Populate = {};
  for (const path of paths) {
    const segments = path.split('.').slice(0, -1);
    let level = root;
    segments.forEach((segment, index) => {
      const last = index === segments.length - 1;
      if (last) {
        if (level[segment] === undefined) level[segment] = true;
      } else {
        const current = level[segment];
        const nested = current === undefined || current === true ? (level[segment] = { populate: {} }) : current;
        level = nested.populate;
      }
    });
  }
  return root;
};

/**
 * The record's own columns to read beside the populated relations: its document id and the
 * paths that are fields of the record itself (`contactConsent`), which no populate brings.
 */
export const selectFor = (paths: string[]) => [...new Set(['documentId', ...paths.filter((path) => !path.includes('.'))])];

export const readPath = (record: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((value, segment) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[segment] : undefined), record);

/**
 * Where a page's notification choices are read: beside the consent component on the consent
 * holder (`beneficiary.adhesion.consent.email` → `beneficiary.adhesion.notificationChoices`).
 * Null for pages without consent (legal entities: no notification gate).
 */
export const choicesPathFor = (page: { consent?: { path: string } }, choicesAttribute: string | undefined): string | null => {
  if (!page.consent || !choicesAttribute) return null;
  return [...page.consent.path.split('.').slice(0, -2), choicesAttribute].join('.');
};
