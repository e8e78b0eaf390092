import { useEffect, useState } from 'react';
import { useCheckExtractionMutation } from '../services/api';
import type { ExtractionInput } from '../services/types';
import { useLatest } from './useLatest';

/**
 * Before saving: the bound pages whose records the rows cannot match (checked by the server on a
 * sample of the key column), once the query and the pages have settled.
 */
export const useKeyMismatches = (id: string | null, form: ExtractionInput, canManage: boolean) => {
  const [checkExtraction] = useCheckExtractionMutation();
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
      checkExtraction({ documentId: id ?? undefined, body: { ...checked, title: checked.title.trim() || '—' } })
        .unwrap()
        .then(({ data }) => current && setKeyMismatches(data.keyMismatches ?? []))
        // A query that does not run is reported by « Tester » and on saving, not here.
        .catch(() => current && setKeyMismatches([]));
    }, 700);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [checkExtraction, id, canManage, query, pages, latestForm]);

  return keyMismatches;
};
