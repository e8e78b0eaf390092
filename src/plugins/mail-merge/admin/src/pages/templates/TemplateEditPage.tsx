import { Alert, Button, Flex, Grid, Typography } from '@strapi/design-system';
import { Check, Eye } from '@strapi/icons';
import { BackButton, Layouts, Page, useNotification, useRBAC } from '@strapi/strapi/admin';
import { useNavigate, useParams } from 'react-router-dom';
import { ConfirmDialog } from '../../components/common/ConfirmDialog';
import { RecapActions } from '../../components/common/RecapActions';
import { DuplicateModal } from '../../components/templates/DuplicateModal';
import { layoutChoiceOf } from '../../components/templates/LayoutSelect';
import { PreviewModal } from '../../components/templates/PreviewModal';
import { TemplateActionsPanel } from '../../components/templates/TemplateActionsPanel';
import { TemplateCardPanel } from '../../components/templates/TemplateCardPanel';
import { TemplateUsagePanel } from '../../components/templates/TemplateUsagePanel';
import { UnknownFieldsAlert } from '../../components/templates/UnknownFieldsAlert';
import { PERMISSIONS, ROUTES } from '../../constants';
import { useFieldInsertion } from '../../hooks/useFieldInsertion';
import { useTemplateForm } from '../../hooks/useTemplateForm';
import { usePreviewDraftTemplateMutation, usePreviewSavedTemplateMutation } from '../../services/api';
import { usePages } from '../../services/pages';
import { unknownFieldsByTarget } from '../../utils/mergeFields';
import { describeProblem } from '../../utils/problems';
import { useT } from '../../utils/useT';

/** « Fiche mail »: every field of a mail template, the « Champs… » picker, preview, duplication and deletion. */
export const TemplateEditPage = () => {
  const t = useT();
  const { id = null } = useParams<{ id: string }>();
  const navigate = useNavigate();
  const [previewDraft] = usePreviewDraftTemplateMutation();
  const [previewSaved] = usePreviewSavedTemplateMutation();
  const { toggleNotification } = useNotification();
  const { allowedActions } = useRBAC(PERMISSIONS.configuration);
  const canManage = Boolean(allowedActions.canTemplatesManage);
  const canReadExtractions = Boolean(allowedActions.canExtractionsRead);
  const { pages, isLoading: loadingPages } = usePages();
  const { template, loadError, form, set, loadedKey, extraction, setExtraction, errors, saving, save, deleting, remove, dialog, setDialog } = useTemplateForm(id);
  const fields = useFieldInsertion({ subject: form.subject, recipient: form.recipient }, set);

  if (loadError) return <Page.Error />;
  // A template being reloaded (after a save) stays on screen; a first load shows the loader.
  if (loadingPages || !loadedKey) return <Page.Loading />;

  const columns = form.extraction && extraction?.documentId === form.extraction ? extraction.columns : null;
  const unknown = unknownFieldsByTarget({ recipient: form.recipient, subject: form.subject, body: form.body }, columns);
  const page = pages.find((p) => p.key === form.page);
  const otherProblems = (template?.problems ?? []).filter((p) => p.code !== 'template.unknown-fields');
  const title = id ? form.title || template?.title || '' : t('template.new', 'Nouveau mail');

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
              <TemplateCardPanel form={form} set={set} errors={errors} unknown={unknown} columns={columns} loadedKey={loadedKey} fields={fields} canManage={canManage} />
            </Grid.Item>
            <Grid.Item col={4} s={12} direction="column" alignItems="stretch">
              <Flex direction="column" alignItems="stretch" gap={4} width="100%">
                <TemplateUsagePanel
                  pages={pages}
                  form={form}
                  set={set}
                  setExtraction={setExtraction}
                  errors={errors}
                  template={template}
                  page={page}
                  columns={columns}
                  canManage={canManage}
                  canReadExtractions={canReadExtractions}
                />
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
        // The form as it is being edited, or (read right only) the saved template.
        render={async (record) => (await (canManage ? previewDraft({ ...form, layout: form.layout ?? layoutChoiceOf(template), record }) : previewSaved({ documentId: id!, body: { record } })).unwrap()).data}
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
