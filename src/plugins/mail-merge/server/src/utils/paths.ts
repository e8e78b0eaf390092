/**
 * Dotted attribute paths through relations and components (`beneficiary.adhesion.consent.email`):
 * the Document Service populate that loads them, and reading them from the loaded record.
 */
export const populateFor = (paths: string[]) => {
  const root: Record<string, any> = {};
  for (const path of paths) {
    const segments = path.split('.').slice(0, -1);
    let level = root;
    segments.forEach((segment, index) => {
      const last = index === segments.length - 1;
      if (last) {
        if (level[segment] === undefined) level[segment] = true;
      } else {
        if (level[segment] === undefined || level[segment] === true) level[segment] = { populate: {} };
        level = level[segment].populate;
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
  path.split('.').reduce<unknown>((value, segment) => (value && typeof value === 'object' ? (value as any)[segment] : undefined), record);

/**
 * Where a page's notification choices are read: beside the consent component on the consent
 * holder (`beneficiary.adhesion.consent.email` → `beneficiary.adhesion.notificationChoices`).
 * Null for pages without consent (legal entities: no notification gate).
 */
export const choicesPathFor = (page: { consent?: { path: string } }, choicesAttribute: string | undefined): string | null => {
  if (!page.consent || !choicesAttribute) return null;
  return [...page.consent.path.split('.').slice(0, -2), choicesAttribute].join('.');
};
