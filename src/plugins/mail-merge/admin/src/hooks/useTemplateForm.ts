import { useCallback, useEffect, useRef, useState } from 'react';
import { useNotification } from '@strapi/strapi/admin';
import { useNavigate } from 'react-router-dom';
import { DEFAULT_CONSENT_LEVEL, ROUTES } from '../constants';
import { useCreateTemplateMutation, useDeleteTemplateMutation, useTemplate, useUpdateTemplateMutation } from '../services/api';
import type { Template, TemplateInput } from '../services/types';
import { apiError, useErrorMessage } from '../utils/errors';
import { headerInView } from '../utils/headerInView';
import { useT } from '../utils/useT';
import { useApplyFetched } from './useApplyFetched';
import { useDeleteAndLeave } from './useDeleteAndLeave';

const EMPTY: TemplateInput = { family: '', title: '', description: '', recipient: '', subject: '', body: '', page: '', extraction: '', minimumConsent: DEFAULT_CONSENT_LEVEL, notificationType: '' };
const REQUIRED = ['title', 'description', 'subject', 'page', 'extraction'] as const;

export type TemplateErrors = Partial<Record<keyof TemplateInput, string>>;
export type ExtractionInfo = { documentId: string; title: string; columns: string[] };
export type TemplateDialog = 'preview' | 'duplicate' | 'delete' | null;

const toInput = (template: Template): TemplateInput => ({
  family: template.family ?? '',
  title: template.title,
  description: template.description ?? '',
  recipient: template.recipient ?? '',
  subject: template.subject,
  body: template.body ?? '',
  page: template.page,
  extraction: template.extraction?.documentId ?? '',
  minimumConsent: template.minimumConsent ?? DEFAULT_CONSENT_LEVEL,
  notificationType: template.notificationType ?? '',
});

/**
 * The « Fiche mail » being edited (`id`, or a new one when null): its fields and their errors, the
 * chosen extraction (for its columns), « Enregistrer » and « Supprimer le mail », and which dialog is open.
 */
export const useTemplateForm = (id: string | null) => {
  const t = useT();
  const navigate = useNavigate();
  const [createTemplate] = useCreateTemplateMutation();
  const [updateTemplate] = useUpdateTemplateMutation();
  const [deleteTemplate] = useDeleteTemplateMutation();
  const errorMessage = useErrorMessage();
  const { toggleNotification } = useNotification();
  const { data, error, refetch } = useTemplate(id);

  const [form, setForm] = useState<TemplateInput>(EMPTY);
  // The editor is mounted again (with the loaded body) under a new key.
  const [loadedKey, setLoadedKey] = useState<string | null>(id ? null : 'new');
  const [extraction, setExtraction] = useState<ExtractionInfo | null>(null);
  const [errors, setErrors] = useState<TemplateErrors>({});
  const [saving, setSaving] = useState(false);
  const [dialog, setDialog] = useState<TemplateDialog>(null);
  // The version the form stands on: the one loaded, then the one each save answers (a second
  // « Enregistrer » before the refetch is not taken for someone else's save).
  const version = useRef<number | undefined>(undefined);

  useApplyFetched(
    id,
    data,
    (loaded) => `${loaded.data.documentId}@${loaded.data.version}`,
    (loaded) => {
      version.current = loaded.data.version;
      setForm(toInput(loaded.data));
      setExtraction(loaded.data.extraction);
      setLoadedKey(loaded.data.documentId);
      setErrors({});
    }
  );

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

  const save = async () => {
    const missing: TemplateErrors = {};
    for (const key of REQUIRED) if (!form[key].trim()) missing[key] = t('form.required', 'Ce champ est obligatoire.');
    setErrors(missing);
    if (Object.keys(missing).length > 0) {
      toggleNotification({ type: 'warning', message: t('form.missing', 'Renseignez les champs obligatoires (*).') });
      return;
    }
    setSaving(true);
    try {
      if (!id) {
        const { data: created } = await createTemplate(form).unwrap();
        toggleNotification({ type: 'success', message: t('template.created', 'Mail créé.') });
        navigate(ROUTES.template(created.documentId), { replace: true });
      } else {
        // A save made elsewhere since is refused (409), not overwritten.
        const { data: saved } = await updateTemplate({ documentId: id, body: { ...form, version: version.current } }).unwrap();
        version.current = saved.version;
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

  const { deleting, remove } = useDeleteAndLeave({
    remove: id ? () => deleteTemplate({ documentId: id }).unwrap() : null,
    done: t('template.deleted', 'Mail supprimé.'),
    leaveTo: ROUTES.templates,
    onFailed: (e) => {
      setDialog(null);
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    },
  });

  return {
    template: data?.data,
    loadError: error,
    form,
    set,
    loadedKey,
    extraction,
    setExtraction,
    errors,
    saving,
    save,
    deleting,
    remove,
    dialog,
    setDialog,
  };
};
