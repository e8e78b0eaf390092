import { useEffect, useState } from 'react';
import { useMailMergeApi } from '../services/api';
import type { ExtractionInput } from '../services/types';
import { useLatest } from './useLatest';

/**
 * Before saving: the bound pages whose records the rows cannot match (checked by the server on a
 * sample of the key column), once the query and the pages have settled.
 */
export const useKeyMismatches = (id: string | null, form: ExtractionInput, canManage: boolean) => {
  const api = useMailMergeApi();
  const [keyMismatches, setKeyMismatches] = useState<string[]>([]);
  const { query, pages } = form;
  // The form's other fields do not change what is checked: sent as they are, not watched.
  const latestForm = useLatest(form);

  useEffect(() => {
    if (!canManage || !query.trim() || pages.length === 0) {
      setKeyMismatches([]);
      return undefined;
    }
    const checked = { ...latestForm.current, query, pages };
    let current = true;
    const timer = setTimeout(() => {
      api
        .checkExtraction(id, { ...checked, title: checked.title.trim() || '—' })
        .then((result) => current && setKeyMismatches(result.keyMismatches ?? []))
        // A query that does not run is reported by « Tester » and on saving, not here.
        .catch(() => current && setKeyMismatches([]));
    }, 700);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, id, canManage, query, pages, latestForm]);

  return keyMismatches;
};
