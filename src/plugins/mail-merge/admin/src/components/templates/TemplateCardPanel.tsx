import { Field, Flex, Grid, TextInput, Typography } from '@strapi/design-system';
import type { useFieldInsertion } from '../../hooks/useFieldInsertion';
import type { TemplateErrors } from '../../hooks/useTemplateForm';
import type { TemplateInput } from '../../services/types';
import type { FieldTarget } from '../../utils/mergeFields';
import { useT } from '../../utils/useT';
import { Panel } from '../common/Panel';
import { FieldPicker } from './FieldPicker';
import { MergeFieldInput } from './MergeFieldInput';
import { RichTextEditor } from './RichTextEditor';

type Props = {
  form: TemplateInput;
  set: <K extends keyof TemplateInput>(key: K, value: TemplateInput[K]) => void;
  errors: TemplateErrors;
  /** The merge fields unknown to the extraction, per text. */
  unknown: Record<FieldTarget, string[]>;
  /** The extraction's columns, null until page and extraction are chosen. */
  columns: string[] | null;
  /** The editor is mounted again under a new key once a template is loaded. */
  loadedKey: string;
  fields: ReturnType<typeof useFieldInsertion>;
  canManage: boolean;
};

/** The « Fiche mail » panel: title, family, description, recipient, subject and the body with « Champs… ». */
export const TemplateCardPanel = ({ form, set, errors, unknown, columns, loadedKey, fields, canManage }: Props) => {
  const t = useT();

  const textField = (key: 'family' | 'title' | 'description', label: string, required = false) => (
    <Field.Root name={key} required={required} error={errors[key]}>
      <Field.Label>{label}</Field.Label>
      <TextInput value={form[key]} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set(key, e.target.value)} disabled={!canManage} />
      <Field.Error />
    </Field.Root>
  );

  const mergeInput = (key: 'recipient' | 'subject', label: string, hint: string, required = false) => (
    <MergeFieldInput
      name={key}
      label={label}
      hint={hint}
      required={required}
      value={form[key]}
      onChange={(value) => set(key, value)}
      inputRef={fields.inputs[key]}
      onFocus={() => fields.setTarget(key)}
      onSelection={fields.trackSelection(key)}
      unknown={unknown[key]}
      error={errors[key]}
      disabled={!canManage}
    />
  );

  return (
    <Panel title={t('template.card', 'Fiche mail')}>
      <Grid.Root gap={4}>
        <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
          {textField('title', t('templates.field.title', 'Intitulé'), true)}
        </Grid.Item>
        <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
          {textField('family', t('templates.field.family', 'Famille'))}
        </Grid.Item>
        <Grid.Item col={12} direction="column" alignItems="stretch">
          {textField('description', t('templates.field.description', 'Description'), true)}
        </Grid.Item>
        <Grid.Item col={12} direction="column" alignItems="stretch">
          {mergeInput('recipient', t('templates.field.recipient', 'Destinataire'), t('template.recipient.hint', 'Adresse fixe ou champ de fusion, par exemple {example}. Vide : le gestionnaire choisit à l’envoi.', { example: '${mail_prof_sante}' }))}
        </Grid.Item>
        <Grid.Item col={12} direction="column" alignItems="stretch">
          {mergeInput('subject', t('templates.field.subject', 'Sujet'), t('template.subject.hint', 'Texte fixe et champs de fusion.'), true)}
        </Grid.Item>
        <Grid.Item col={12} direction="column" alignItems="stretch">
          <Flex direction="column" alignItems="stretch" gap={1}>
            <Typography variant="pi" fontWeight="bold" id="mail-body-label" textColor="neutral800">
              {t('templates.field.body', 'Corps')}
            </Typography>
            <RichTextEditor
              key={loadedKey}
              initialValue={form.body}
              onChange={(html) => set('body', html)}
              columns={columns}
              editorRef={fields.editorRef}
              onFocus={() => fields.setTarget('body')}
              disabled={!canManage}
              labelledBy="mail-body-label"
              toolbarEnd={
                canManage && (
                  <FieldPicker columns={columns} target={fields.target} onPick={fields.pickField} onClosed={fields.restoreFocus} />
                )
              }
            />
            <Typography variant="pi" textColor="neutral600">
              {columns
                ? t('template.body.hint', '« Champs… » insère un champ de fusion {example} à l’emplacement du curseur, dans le corps, le sujet ou le destinataire (le dernier utilisé).', { example: '${champ}' })
                : t('template.body.noExtraction', 'Choisissez la page et l’extraction pour disposer des champs de fusion.')}
            </Typography>
          </Flex>
        </Grid.Item>
      </Grid.Root>
    </Panel>
  );
};
