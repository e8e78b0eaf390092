import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Field, Flex, Grid, TextInput, Typography } from '@strapi/design-system';
import { Check, Eye } from '@strapi/icons';
import { BackButton, Layouts, Page, useNotification, useRBAC } from '@strapi/strapi/admin';
import { useNavigate, useParams } from 'react-router-dom';
import { ConfirmDialog } from '../../components/common/ConfirmDialog';
import { RecapActions } from '../../components/common/RecapActions';
import { FieldChip } from '../../components/common/FieldChip';
import { Panel } from '../../components/common/Panel';
import { DuplicateModal } from '../../components/templates/DuplicateModal';
import { FieldPicker } from '../../components/templates/FieldPicker';
import { MinimumConsentSelect } from '../../components/templates/MinimumConsentSelect';
import { NotificationTypeSelect } from '../../components/templates/NotificationTypeSelect';
import { MergeFieldInput } from '../../components/templates/MergeFieldInput';
import { PageExtractionSelects } from '../../components/templates/PageExtractionSelects';
import { PreviewModal } from '../../components/templates/PreviewModal';
import { RichTextEditor } from '../../components/templates/RichTextEditor';
import { TemplateActionsPanel } from '../../components/templates/TemplateActionsPanel';
import { UnknownFieldsAlert } from '../../components/templates/UnknownFieldsAlert';
import { PERMISSIONS, ROUTES } from '../../constants';
import { useFieldInsertion } from '../../hooks/useFieldInsertion';
import { useMailMergeApi, useTemplate } from '../../services/api';
import { usePages } from '../../services/pages';
import type { Template, TemplateInput } from '../../services/types';
import { apiError, useErrorMessage } from '../../utils/errors';
import { unknownFieldsByTarget } from '../../utils/mergeFields';
import { describeProblem } from '../../utils/problems';
import { headerInView } from '../../utils/headerInView';
import { useT } from '../../utils/useT';

const EMPTY: TemplateInput = { family: '', title: '', description: '', recipient: '', subject: '', body: '', page: '', extraction: '', minimumConsent: 'interne', notificationType: '' };
const REQUIRED = ['title', 'description', 'subject', 'page', 'extraction'] as const;
type Errors = Partial<Record<keyof TemplateInput, string>>;
type ExtractionInfo = { documentId: string; title: string; columns: string[] };

const toInput = (template: Template): TemplateInput => ({
  family: template.family ?? '',
  title: template.title,
  description: template.description ?? '',
  recipient: template.recipient ?? '',
  subject: template.subject,
  body: template.body ?? '',
  page: template.page,
  extraction: template.extraction?.documentId ?? '',
  minimumConsent: template.minimumConsent ?? 'interne',
  notificationType: template.notificationType ?? '',
});

/** « Fiche mail »: every field of a mail template, the « Champs… » picker, preview, duplication and deletion. */
export const TemplateEditPage = () => {
  const t = useT();
  const { id = null } = useParams<{ id: string }>();
  const navigate = useNavigate();
  const api = useMailMergeApi();
  const errorMessage = useErrorMessage();
  const { toggleNotification } = useNotification();
  const { allowedActions } = useRBAC(PERMISSIONS.configuration);
  const canManage = Boolean(allowedActions.canTemplatesManage);
  const canReadExtractions = Boolean(allowedActions.canExtractionsRead);
  const { pages, isLoading: loadingPages } = usePages();
  const { data, error, refetch } = useTemplate(id);

  const [form, setForm] = useState<TemplateInput>(EMPTY);
  const [loadedKey, setLoadedKey] = useState<string | null>(id ? null : 'new');
  const [extraction, setExtraction] = useState<ExtractionInfo | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState(false);
  const [dialog, setDialog] = useState<'preview' | 'duplicate' | 'delete' | null>(null);
  const [deleting, setDeleting] = useState(false);

  useEffect(() => {
    if (!data) return;
    setForm(toInput(data.data));
    setExtraction(data.data.extraction);
    setLoadedKey(data.data.documentId);
    setErrors({});
  }, [data]);

  useEffect(() => {
    if (!id) {
      setForm(EMPTY);
      setExtraction(null);
      setLoadedKey('new');
    }
  }, [id]);

  const set = useCallback(<K extends keyof TemplateInput>(key: K, value: TemplateInput[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => (e[key] ? { ...e, [key]: undefined } : e));
  }, []);
  const fields = useFieldInsertion({ subject: form.subject, recipient: form.recipient }, set);

  if (error) return <Page.Error />;
  // A template being reloaded (after a save) stays on screen; a first load shows the loader.
  if (loadingPages || !loadedKey) return <Page.Loading />;

  const template = data?.data;
  const columns = form.extraction && extraction?.documentId === form.extraction ? extraction.columns : null;
  const unknown = unknownFieldsByTarget({ recipient: form.recipient, subject: form.subject, body: form.body }, columns);
  const page = pages.find((p) => p.key === form.page);
  const otherProblems = (template?.problems ?? []).filter((p) => p.code !== 'template.unknown-fields');
  const title = id ? form.title || template?.title || '' : t('template.new', 'Nouveau mail');

  const save = async () => {
    const missing: Errors = {};
    for (const key of REQUIRED) if (!form[key].trim()) missing[key] = t('form.required', 'Ce champ est obligatoire.');
    setErrors(missing);
    if (Object.keys(missing).length > 0) {
      toggleNotification({ type: 'warning', message: t('form.missing', 'Renseignez les champs obligatoires (*).') });
      return;
    }
    setSaving(true);
    try {
      if (!id) {
        const created = await api.createTemplate(form);
        toggleNotification({ type: 'success', message: t('template.created', 'Mail créé.') });
        navigate(ROUTES.template(created.documentId), { replace: true });
      } else {
        await api.updateTemplate(id, form);
        toggleNotification({ type: 'success', message: t('template.saved', 'Mail enregistré.') });
        headerInView();
        refetch();
      }
    } catch (e) {
      const body = apiError(e);
      const field = body?.details?.field as keyof TemplateInput | undefined;
      if (field) setErrors({ [field]: errorMessage(e) });
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    if (!id) return;
    setDeleting(true);
    try {
      await api.deleteTemplate(id);
      toggleNotification({ type: 'success', message: t('template.deleted', 'Mail supprimé.') });
      navigate(ROUTES.templates, { replace: true });
    } catch (e) {
      setDialog(null);
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    } finally {
      setDeleting(false);
    }
  };

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
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        navigationAction={<BackButton fallback={ROUTES.templates} />}
        title={title}
        subtitle={page ? `${page.module} › ${page.page}` : t('template.subtitle', 'Fiche mail')}
        secondaryAction={
          <RecapActions
            recap={ROUTES.templates}
            create={id && canManage ? { to: ROUTES.newTemplate, label: t('template.add', 'Ajouter un mail') } : null}
          />
        }
        primaryAction={
          <Flex gap={2}>
            <Button
              variant="secondary"
              startIcon={<Eye />}
              onClick={() => setDialog('preview')}
              disabled={canManage ? !form.page || !form.extraction || !form.subject.trim() : !id}
            >
              {t('preview.button', 'Prévisualiser')}
            </Button>
            {canManage && (
              <Button startIcon={<Check />} onClick={save} loading={saving}>
                {t('action.save', 'Enregistrer')}
              </Button>
            )}
          </Flex>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {otherProblems.length > 0 && (
            <Alert variant="warning" closeLabel={t('action.close', 'Fermer')} title={t('template.invalid', 'Ce mail est à corriger')}>
              {otherProblems.map((problem) => describeProblem(t, problem)).join(' · ')}
            </Alert>
          )}
          <UnknownFieldsAlert unknown={unknown} extractionTitle={extraction?.title} />
          <Grid.Root gap={4}>
            <Grid.Item col={8} s={12} direction="column" alignItems="stretch">
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
            </Grid.Item>
            <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
              <Flex direction="column" alignItems="stretch" gap={4} width="100%">
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
                {id && template && (
                  <TemplateActionsPanel
                    version={template.version}
                    canManage={canManage}
                    onDuplicate={() => setDialog('duplicate')}
                    onDelete={() => setDialog('delete')}
                  />
                )}
              </Flex>
            </Grid.Item>
          </Grid.Root>
        </Flex>
      </Layouts.Content>

      <PreviewModal
        open={dialog === 'preview'}
        onClose={() => setDialog(null)}
        page={form.page || null}
        pageLabel={page?.page}
        render={(record) => (canManage ? api.previewDraft(form, record) : api.previewSaved(id!, record))}
      />

      {template && (
        <DuplicateModal
          open={dialog === 'duplicate'}
          onClose={() => setDialog(null)}
          template={template}
          pages={pages}
          canReadExtractions={canReadExtractions}
          onDuplicated={(copy) => {
            setDialog(null);
            toggleNotification({ type: 'success', message: t('duplicate.done', 'Mail dupliqué vers la page choisie.') });
            navigate(ROUTES.template(copy.documentId));
          }}
        />
      )}

      <ConfirmDialog
        open={dialog === 'delete'}
        title={t('confirm.title', 'Confirmation')}
        confirmLabel={t('template.delete', 'Supprimer le mail')}
        onConfirm={remove}
        onCancel={() => setDialog(null)}
        loading={deleting}
      >
        <Typography textAlign="center">
          {t('template.deleteConfirm', 'La suppression du mail « {title} » est définitive. Seul l’historique des mails envoyés est conservé.', {
            title: template?.title ?? '',
          })}
        </Typography>
      </ConfirmDialog>
    </Page.Main>
  );
};
