import type { Page } from '../services/pages';

export type PageGroup<T> = { page: Page; items: T[] };
export type ModuleGroup<T> = { module: string; pages: PageGroup<T>[] };

/**
 * Items grouped by module then page, in the order of the page registry (« déployer les domaines
 * et sous-domaines »). An item appears under each page `pagesOf` returns; pages without items are
 * left out.
 */
export const groupByModule = <T>(pages: Page[], items: T[], pagesOf: (item: T) => string[]): ModuleGroup<T>[] => {
  const modules: ModuleGroup<T>[] = [];
  for (const page of pages) {
    const matching = items.filter((item) => pagesOf(item).includes(page.key));
    if (matching.length === 0) continue;
    let group = modules.find((m) => m.module === page.module);
    if (!group) {
      group = { module: page.module, pages: [] };
      modules.push(group);
    }
    group.pages.push({ page, items: matching });
  }
  return modules;
};

/** The modules of the registry, in order, with their pages. */
export const modulesOf = (pages: Page[]) => {
  const modules: { module: string; pages: Page[] }[] = [];
  for (const page of pages) {
    const group = modules.find((m) => m.module === page.module);
    if (group) group.pages.push(page);
    else modules.push({ module: page.module, pages: [page] });
  }
  return modules;
};
