import { Field, Grid, TextInput } from '@strapi/design-system';
import type { ExtractionErrors } from '../../hooks/useExtractionForm';
import type { ExtractionInput } from '../../services/types';
import { useT } from '../../utils/useT';
import { Panel } from '../common/Panel';
import { SqlEditor } from './SqlEditor';

type Props = {
  form: ExtractionInput;
  set: <K extends keyof ExtractionInput>(key: K, value: ExtractionInput[K]) => void;
  errors: ExtractionErrors;
  canManage: boolean;
};

/** The « Fiche extraction pour mails » panel: title, description and the SQL query. */
export const ExtractionCardPanel = ({ form, set, errors, canManage }: Props) => {
  const t = useT();
  return (
    <Panel title={t('extraction.card', 'Fiche extraction pour mails')}>
      <Grid.Root gap={4}>
        <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
          <Field.Root name="title" required error={errors.title}>
            <Field.Label>{t('extractions.field.title', 'Intitulé')}</Field.Label>
            <TextInput value={form.title} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('title', e.target.value)} disabled={!canManage} />
            <Field.Error />
          </Field.Root>
        </Grid.Item>
        <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
          <Field.Root name="description">
            <Field.Label>{t('extractions.field.description', 'Description')}</Field.Label>
            <TextInput
              value={form.description}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('description', e.target.value)}
              disabled={!canManage}
            />
          </Field.Root>
        </Grid.Item>
        <Grid.Item col={12} direction="column" alignItems="stretch">
          <SqlEditor value={form.query} onChange={(value) => set('query', value)} disabled={!canManage} error={errors.query} />
        </Grid.Item>
      </Grid.Root>
    </Panel>
  );
};
