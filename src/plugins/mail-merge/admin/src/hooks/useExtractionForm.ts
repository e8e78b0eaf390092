import { useCallback, useState } from 'react';
import { useNotification } from '@strapi/strapi/admin';
import { useNavigate } from 'react-router-dom';
import { ROUTES } from '../constants';
import { useCheckExtractionMutation, useCreateExtractionMutation, useDeleteExtractionMutation, useExtraction, useUpdateExtractionMutation } from '../services/api';
import type { BrokenTemplate, ExtractionInput } from '../services/types';
import { apiError, useErrorMessage } from '../utils/errors';
import { headerInView } from '../utils/headerInView';
import { useT } from '../utils/useT';
import { useDeleteAndLeave } from './useDeleteAndLeave';
import { useApplyFetched } from './useApplyFetched';
import { useKeyMismatches } from './useKeyMismatches';

const EMPTY: ExtractionInput = { title: '', description: '', query: '', pages: [] };

export type ExtractionErrors = { title?: string; query?: string };

/**
 * The « Fiche extraction pour mails » being edited (`id`, or a new one when null): its fields and
 * their errors, « Enregistrer » (with the templates a change would break, to confirm) and
 * « Supprimer l’extraction ».
 */
export const useExtractionForm = (id: string | null, canManage: boolean) => {
  const t = useT();
  const navigate = useNavigate();
  const [createExtraction] = useCreateExtractionMutation();
  const [updateExtraction] = useUpdateExtractionMutation();
  const [checkExtraction] = useCheckExtractionMutation();
  const [deleteExtraction] = useDeleteExtractionMutation();
  const errorMessage = useErrorMessage();
  const { toggleNotification } = useNotification();
  const { data, isLoading, error, refetch } = useExtraction(id);

  const [form, setForm] = useState<ExtractionInput>(EMPTY);
  const [errors, setErrors] = useState<ExtractionErrors>({});
  const [saving, setSaving] = useState(false);
  const [broken, setBroken] = useState<BrokenTemplate[] | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const keyMismatches = useKeyMismatches(id, form, canManage);

  // Extractions have no version: their saved content is the key.
  const toForm = (loaded: NonNullable<typeof data>): ExtractionInput => ({
    title: loaded.data.title,
    description: loaded.data.description ?? '',
    query: loaded.data.query,
    pages: loaded.data.bindings.map((b) => b.page),
  });
  useApplyFetched(id, data, (loaded) => JSON.stringify(toForm(loaded)), (loaded) => setForm(toForm(loaded)));

  const set = useCallback(<K extends keyof ExtractionInput>(key: K, value: ExtractionInput[K]) => setForm((f) => ({ ...f, [key]: value })), []);

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
    const { meta } = await updateExtraction({ documentId: id, body: form }).unwrap();
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
        const { data: created } = await createExtraction(form).unwrap();
        toggleNotification({ type: 'success', message: t('extraction.created', 'Extraction créée.') });
        navigate(ROUTES.extraction(created.documentId), { replace: true });
        return;
      }
      // Dry run first: warn about the templates the change would break, and let the admin confirm.
      const {
        data: { brokenTemplates },
      } = await checkExtraction({ documentId: id, body: form }).unwrap();
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

  const { deleting, remove } = useDeleteAndLeave({
    remove: id ? () => deleteExtraction({ documentId: id }).unwrap() : null,
    done: t('extraction.deleted', 'Extraction supprimée.'),
    leaveTo: ROUTES.extractions,
    onFailed: (e) => {
      setConfirmDelete(false);
      failed(e);
    },
  });

  return {
    data,
    isLoading,
    loadError: error,
    form,
    set,
    errors,
    keyMismatches,
    saving,
    save,
    broken,
    confirmBroken,
    cancelBroken: () => setBroken(null),
    deleting,
    confirmDelete,
    setConfirmDelete,
    remove,
  };
};
