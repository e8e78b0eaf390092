import { useEffect, useState } from 'react';
import { Alert, Box, Button, Field, Flex, Grid, TextInput, Typography } from '@strapi/design-system';
import { Check, Trash } from '@strapi/icons';
import { BackButton, Layouts, Page, useNotification, useRBAC } from '@strapi/strapi/admin';
import { RecapActions } from '../../components/common/RecapActions';
import { useNavigate, useParams } from 'react-router-dom';
import { ConfirmDialog } from '../../components/common/ConfirmDialog';
import { Panel } from '../../components/common/Panel';
import { BindingsTable } from '../../components/extractions/BindingsTable';
import { BrokenTemplatesList } from '../../components/extractions/BrokenTemplatesList';
import { ExtractionTester } from '../../components/extractions/ExtractionTester';
import { ExtractionTemplates } from '../../components/extractions/ExtractionTemplates';
import { SqlEditor } from '../../components/extractions/SqlEditor';
import { PERMISSIONS, ROUTES } from '../../constants';
import { useExtraction, useMailMergeApi } from '../../services/api';
import { usePages } from '../../services/pages';
import type { BrokenTemplate, ExtractionInput } from '../../services/types';
import { apiError, useErrorMessage } from '../../utils/errors';
import { headerInView } from '../../utils/headerInView';
import { useT } from '../../utils/useT';

const EMPTY: ExtractionInput = { title: '', description: '', query: '', pages: [] };

/** « Fiche extraction pour mails »: title, description, SQL, « Tester », and the pages it is accessible from. */
export const ExtractionEditPage = () => {
  const t = useT();
  const { id = null } = useParams<{ id: string }>();
  const navigate = useNavigate();
  const api = useMailMergeApi();
  const errorMessage = useErrorMessage();
  const { toggleNotification } = useNotification();
  const { allowedActions } = useRBAC(PERMISSIONS.configuration);
  const canManage = Boolean(allowedActions.canExtractionsManage);
  const { pages, isLoading: loadingPages } = usePages();
  const { data, isLoading, error, refetch } = useExtraction(id);

  const [form, setForm] = useState<ExtractionInput>(EMPTY);
  const [errors, setErrors] = useState<{ title?: string; query?: string }>({});
  const [saving, setSaving] = useState(false);
  const [broken, setBroken] = useState<BrokenTemplate[] | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [keyMismatches, setKeyMismatches] = useState<string[]>([]);

  // Before saving: bound pages whose records the rows cannot match (checked by the server on a
  // sample of the key column), once the query and the pages have settled.
  useEffect(() => {
    if (!canManage || !form.query.trim() || form.pages.length === 0) {
      setKeyMismatches([]);
      return undefined;
    }
    let current = true;
    const timer = setTimeout(() => {
      api
        .checkExtraction(id, { ...form, title: form.title.trim() || '—' })
        .then((result) => current && setKeyMismatches(result.keyMismatches ?? []))
        // A query that does not run is reported by « Tester » and on saving, not here.
        .catch(() => current && setKeyMismatches([]));
    }, 700);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // The form's other fields do not change what is checked.
  }, [api, id, canManage, form.query, form.pages]);

  useEffect(() => {
    if (!data) return;
    setForm({
      title: data.data.title,
      description: data.data.description ?? '',
      query: data.data.query,
      pages: data.data.bindings.map((b) => b.page),
    });
  }, [data]);

  if (isLoading || loadingPages) return <Page.Loading />;
  if (error) return <Page.Error />;

  const set = <K extends keyof ExtractionInput>(key: K, value: ExtractionInput[K]) => setForm((f) => ({ ...f, [key]: value }));
  const templates = data?.meta.templates ?? [];
  const title = id ? form.title || data?.data.title || '' : t('extraction.new', 'Nouvelle extraction pour mails');

  const failed = (e: unknown) => {
    const body = apiError(e);
    const message = errorMessage(e);
    const code = body?.details?.code ?? '';
    if (code.startsWith('sql.') || code === 'extraction.key-column') setErrors({ query: message });
    else if (code === 'extraction.title-required') setErrors({ title: message });
    toggleNotification({ type: 'danger', message });
  };

  const update = async () => {
    if (!id) return;
    const { meta } = await api.updateExtraction(id, form);
    toggleNotification({
      type: meta.brokenTemplates.length > 0 ? 'warning' : 'success',
      message:
        meta.brokenTemplates.length > 0
          ? t('extraction.savedBroken', 'Extraction enregistrée ; {count, plural, one {# modèle de mail est} other {# modèles de mail sont}} maintenant à corriger.', {
              count: meta.brokenTemplates.length,
            })
          : t('extraction.saved', 'Extraction enregistrée.'),
    });
    headerInView();
    refetch();
  };

  const save = async () => {
    setErrors({});
    if (!form.title.trim() || !form.query.trim()) {
      setErrors({
        title: form.title.trim() ? undefined : t('form.required', 'Ce champ est obligatoire.'),
        query: form.query.trim() ? undefined : t('form.required', 'Ce champ est obligatoire.'),
      });
      return;
    }
    setSaving(true);
    try {
      if (!id) {
        const { data: created } = await api.createExtraction(form);
        toggleNotification({ type: 'success', message: t('extraction.created', 'Extraction créée.') });
        navigate(ROUTES.extraction(created.documentId), { replace: true });
        return;
      }
      // Dry run first: warn about the templates the change would break, and let the admin confirm.
      const { brokenTemplates } = await api.checkExtraction(id, form);
      if (brokenTemplates.length > 0) {
        setBroken(brokenTemplates);
        return;
      }
      await update();
    } catch (e) {
      failed(e);
    } finally {
      setSaving(false);
    }
  };

  const confirmBroken = async () => {
    setSaving(true);
    try {
      await update();
      setBroken(null);
    } catch (e) {
      setBroken(null);
      failed(e);
    } finally {
      setSaving(false);
    }
  };

  const remove = async () => {
    if (!id) return;
    setDeleting(true);
    try {
      await api.deleteExtraction(id);
      toggleNotification({ type: 'success', message: t('extraction.deleted', 'Extraction supprimée.') });
      navigate(ROUTES.extractions, { replace: true });
    } catch (e) {
      setConfirmDelete(false);
      failed(e);
    } finally {
      setDeleting(false);
    }
  };

  const boundPages = form.pages.map((key) => pages.find((p) => p.key === key)).filter(Boolean) as typeof pages;

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        navigationAction={<BackButton fallback={ROUTES.extractions} />}
        title={title}
        subtitle={t('extraction.subtitle', 'Fiche extraction pour mails')}
        secondaryAction={
          <RecapActions
            recap={ROUTES.extractions}
            create={id && canManage ? { to: ROUTES.newExtraction, label: t('extraction.add', 'Ajouter une extraction') } : null}
          />
        }
        primaryAction={
          canManage ? (
            <Flex gap={2}>
              {id && (
                <Button variant="danger-light" startIcon={<Trash />} onClick={() => setConfirmDelete(true)}>
                  {t('extraction.delete', 'Supprimer l’extraction')}
                </Button>
              )}
              <Button startIcon={<Check />} onClick={save} loading={saving}>
                {t('action.save', 'Enregistrer')}
              </Button>
            </Flex>
          ) : undefined
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
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

          <ExtractionTester documentId={id} query={form.query} boundPages={boundPages} canManage={canManage} />

          <Panel
            title={t('bindings.title', 'Accessible à partir des pages')}
            subtitle={t('bindings.subtitle', 'Les modèles de mail de ces pages peuvent utiliser cette extraction. Enregistrez pour appliquer les changements.')}
          >
            {keyMismatches.length > 0 && (
              <Box paddingBottom={4}>
                <Alert variant="warning" closeLabel={t('action.close', 'Fermer')} title={t('bindings.keyMismatch.title', 'Lignes sans fiche correspondante')}>
                  {t('bindings.keyMismatch', 'Les lignes de cette extraction ne correspondent à aucune fiche de : {pages}. Vérifiez la colonne clé (document_id) avant d’enregistrer.', {
                    pages: keyMismatches.map((key) => pages.find((p) => p.key === key)?.page ?? key).join(', '),
                  })}
                </Alert>
              </Box>
            )}
            <BindingsTable pages={pages} value={form.pages} onChange={(next) => set('pages', next)} disabled={!canManage} />
          </Panel>

          {id && <ExtractionTemplates templates={templates} pages={pages} />}
        </Flex>
      </Layouts.Content>

      <ConfirmDialog
        open={broken !== null}
        variant="default"
        title={t('broken.title', 'Attention')}
        confirmLabel={t('broken.confirm', 'Enregistrer quand même')}
        onConfirm={confirmBroken}
        onCancel={() => setBroken(null)}
        loading={saving}
      >
        <Typography>
          {t('broken.intro', 'Cette modification casse le lien entre les champs et la requête de {count, plural, one {ce modèle de mail} other {ces # modèles de mail}} :', {
            count: broken?.length ?? 0,
          })}
        </Typography>
        <BrokenTemplatesList templates={broken ?? []} pages={pages} />
        <Typography variant="pi" textColor="neutral600">
          {t('broken.outro', 'Ils seront signalés comme invalides dans le récapitulatif des mails jusqu’à leur correction.')}
        </Typography>
      </ConfirmDialog>

      <ConfirmDialog
        open={confirmDelete}
        title={t('confirm.title', 'Confirmation')}
        confirmLabel={t('action.delete', 'Supprimer')}
        onConfirm={remove}
        onCancel={() => setConfirmDelete(false)}
        loading={deleting}
        confirmDisabled={templates.length > 0}
      >
        {templates.length > 0 ? (
          <Typography textAlign="center">
            {t('extraction.deleteInUse', 'Cette extraction est utilisée par {count, plural, one {un modèle de mail} other {# modèles de mail}} : elle ne peut pas être supprimée.', {
              count: templates.length,
            })}
          </Typography>
        ) : (
          <Typography textAlign="center">
            {t('extraction.deleteConfirm', 'Supprimer définitivement l’extraction « {title} » ?', { title: data?.data.title ?? '' })}
          </Typography>
        )}
      </ConfirmDialog>
    </Page.Main>
  );
};
