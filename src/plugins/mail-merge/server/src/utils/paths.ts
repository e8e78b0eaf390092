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

export const readPath = (record: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((value, segment) => (value && typeof value === 'object' ? (value as any)[segment] : undefined), record);
