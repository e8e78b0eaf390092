import { useMemo } from 'react';
import type { ChooserTemplate } from '../components/sending/TemplateChooser';
import { useGetTemplatesQuery } from '../services/api';
import { useGetChoicesQuery } from '../services/sending';

type State = { templates: ChooserTemplate[] | null; error: unknown };

const NONE: ChooserTemplate[] = [];

/**
 * The valid templates of a page, for a grouped send. With « Consulter les modèles de mail » they
 * come from GET /templates?page=…; otherwise from the choices of one ticked record (the single
 * send's route), every template kept: consent is checked per recipient by the pre-flight.
 */
export const useBulkTemplates = (page: string, canReadTemplates: boolean, aRecord: string | undefined): State => {
  const fromTemplates = useGetTemplatesQuery({ page }, { skip: !canReadTemplates, refetchOnMountOrArgChange: true });
  const fromChoices = useGetChoicesQuery({ page, documentId: aRecord ?? '' }, { skip: canReadTemplates || !aRecord, refetchOnMountOrArgChange: true });
  const templatesData = fromTemplates.currentData;
  const choicesData = fromChoices.currentData;

  const templates = useMemo(() => {
    if (canReadTemplates) {
      return templatesData
        ? templatesData.data
            .filter((template) => template.page === page && template.valid)
            .map(({ documentId, family, title, description }) => ({ documentId, family, title, description: description || null }))
        : null;
    }
    if (!aRecord) return NONE;
    return choicesData ? choicesData.data.templates : null;
  }, [canReadTemplates, templatesData, choicesData, page, aRecord]);

  const error = (canReadTemplates ? fromTemplates.error : aRecord ? fromChoices.error : undefined) ?? null;
  return { templates: error ? null : templates, error };
};
