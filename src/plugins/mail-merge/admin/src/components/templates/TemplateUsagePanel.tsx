import { Flex, Typography } from '@strapi/design-system';
import type { ExtractionInfo, TemplateErrors } from '../../hooks/useTemplateForm';
import type { Page } from '../../services/pages';
import type { Template, TemplateInput } from '../../services/types';
import { useT } from '../../utils/useT';
import { FieldChip } from '../common/FieldChip';
import { Panel } from '../common/Panel';
import { LayoutSelect, layoutChoiceOf } from './LayoutSelect';
import { MinimumConsentSelect } from './MinimumConsentSelect';
import { NotificationTypeSelect } from './NotificationTypeSelect';
import { PageExtractionSelects } from './PageExtractionSelects';

type Props = {
  pages: Page[];
  form: TemplateInput;
  set: <K extends keyof TemplateInput>(key: K, value: TemplateInput[K]) => void;
  setExtraction: (extraction: ExtractionInfo | null) => void;
  errors: TemplateErrors;
  /** The saved template, for its extraction when the extractions cannot be read. */
  template: Template | undefined;
  /** The chosen page. */
  page: Page | undefined;
  columns: string[] | null;
  canManage: boolean;
  canReadExtractions: boolean;
};

/** « Utilisation »: the page and extraction, the consent and notification type of gated pages, the layout, the available fields. */
export const TemplateUsagePanel = ({ pages, form, set, setExtraction, errors, template, page, columns, canManage, canReadExtractions }: Props) => {
  const t = useT();
  return (
    <Panel title={t('template.usage', 'Utilisation')}>
      <PageExtractionSelects
        pages={pages}
        page={form.page}
        extraction={form.extraction}
        onPage={(next) => {
          set('page', next);
          set('extraction', '');
        }}
        onExtraction={(next) => {
          setExtraction(next ? { documentId: next.documentId, title: next.title, columns: next.columns ?? [] } : null);
          set('extraction', next?.documentId ?? '');
        }}
        fallback={template?.extraction}
        disabled={!canManage}
        canReadExtractions={canReadExtractions}
        errors={{ page: errors.page, extraction: errors.extraction }}
      />
      {page?.consentGated && (
        <>
          <MinimumConsentSelect value={form.minimumConsent} onChange={(next) => set('minimumConsent', next)} disabled={!canManage} />
          <NotificationTypeSelect
            value={form.notificationType}
            onChange={(next) => set('notificationType', next)}
            disabled={!canManage}
            error={errors.notificationType}
          />
        </>
      )}
      <LayoutSelect
        // Until changed here, the saved template's choice.
        value={form.layout ?? layoutChoiceOf(template)}
        onChange={(next) => set('layout', next)}
        disabled={!canManage}
        error={errors.layout}
      />
      {columns && (
        <Flex direction="column" alignItems="stretch" gap={2}>
          <Typography variant="sigma" textColor="neutral600">
            {t('template.fields', 'Champs disponibles ({count})', { count: columns.length })}
          </Typography>
          <Flex gap={1} wrap="wrap">
            {columns.map((column) => (
              <FieldChip key={column}>{column}</FieldChip>
            ))}
          </Flex>
        </Flex>
      )}
    </Panel>
  );
};
