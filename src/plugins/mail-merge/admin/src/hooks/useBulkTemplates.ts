import { useEffect, useState } from 'react';
import type { ChooserTemplate } from '../components/sending/TemplateChooser';
import { useSendingApi } from '../services/sending';
import { useLazyGetTemplatesQuery } from '../services/api';

type State = { templates: ChooserTemplate[] | null; error: unknown };

/**
 * The valid templates of a page, for a grouped send. With « Consulter les modèles de mail » they
 * come from GET /templates?page=…; otherwise from the choices of one ticked record (the single
 * send's route), every template kept: consent is checked per recipient by the pre-flight.
 */
export const useBulkTemplates = (page: string, canReadTemplates: boolean, aRecord: string | undefined): State => {
  const [getTemplates] = useLazyGetTemplatesQuery();
  const sending = useSendingApi();
  const [state, setState] = useState<State>({ templates: null, error: null });

  useEffect(() => {
    let cancelled = false;
    setState({ templates: null, error: null });
    const load = async (): Promise<ChooserTemplate[]> => {
      if (canReadTemplates) {
        const data = await getTemplates({ page }).unwrap();
        return data.data
          .filter((template) => template.page === page && template.valid)
          .map(({ documentId, family, title, description }) => ({ documentId, family, title, description: description || null }));
      }
      if (!aRecord) return [];
      return (await sending.choices(page, aRecord)).templates;
    };
    load()
      .then((templates) => !cancelled && setState({ templates, error: null }))
      .catch((error) => !cancelled && setState({ templates: null, error }));
    return () => {
      cancelled = true;
    };
  }, [getTemplates, sending, page, canReadTemplates, aRecord]);

  return state;
};
