import { useCallback, useEffect, useState } from 'react';
import { useNotification } from '@strapi/strapi/admin';
import { useNavigate } from 'react-router-dom';
import { ROUTES } from '../constants';
import {
  useCreateLayoutMutation,
  useDeleteLayoutMutation,
  useGetLayoutQuery,
  usePreviewLayoutMutation,
  useUpdateLayoutMutation,
  type ComposedMail,
  type Layout,
  type LayoutInput,
  type LayoutLogo,
} from '../services/layouts';
import { apiError, useErrorMessage } from '../utils/errors';
import { useT } from '../utils/useT';
import { useApplyFetched } from './useApplyFetched';
import { useFreshData } from './useFreshData';

/** The colours of a new layout: the server's defaults (services/layout-document.ts). */
const EMPTY: LayoutInput = {
  name: '',
  logo: null,
  headerTitle: '',
  footerAddress: '',
  footerLegal: '',
  footerGdpr: '',
  primaryColor: '#1f4e79',
  textColor: '#222222',
  backgroundColor: '#f3f5f8',
  isDefault: false,
};

export type LayoutErrors = Partial<Record<keyof LayoutInput, string>>;

const toInput = (layout: Layout): LayoutInput => ({
  name: layout.name,
  logo: layout.logo?.id ?? null,
  headerTitle: layout.headerTitle ?? '',
  footerAddress: layout.footerAddress ?? '',
  footerLegal: layout.footerLegal ?? '',
  footerGdpr: layout.footerGdpr ?? '',
  primaryColor: layout.primaryColor,
  textColor: layout.textColor,
  backgroundColor: layout.backgroundColor,
  isDefault: layout.isDefault,
});

const PREVIEW_DELAY_MS = 400;

/**
 * The « Mise en page » being edited (`id`, or a new one when null): its fields and their errors,
 * the logo shown, a live preview (the server composes it as a mail would leave, a moment after
 * the last keystroke), « Enregistrer » and « Supprimer ».
 */
export const useLayoutForm = (id: string | null) => {
  const t = useT();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const { toggleNotification } = useNotification();
  const query = useGetLayoutQuery({ documentId: id ?? '' }, { skip: !id, refetchOnMountOrArgChange: true });
  const loaded = useFreshData(query)?.data;
  const [createLayout] = useCreateLayoutMutation();
  const [updateLayout] = useUpdateLayoutMutation();
  const [deleteLayout] = useDeleteLayoutMutation();
  const [previewLayout] = usePreviewLayoutMutation();

  const [form, setForm] = useState<LayoutInput | null>(id ? null : EMPTY);
  const [logo, setLogo] = useState<LayoutLogo | null>(null);
  const [errors, setErrors] = useState<LayoutErrors>({});
  const [saving, setSaving] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [preview, setPreview] = useState<ComposedMail | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);

  useApplyFetched(
    id,
    loaded ?? undefined,
    (layout) => `${layout.documentId}@${layout.version}`,
    (layout) => {
      setForm(toInput(layout));
      setLogo(layout.logo);
      setErrors({});
    }
  );

  const set = useCallback(<K extends keyof LayoutInput>(key: K, value: LayoutInput[K]) => {
    setForm((f) => (f ? { ...f, [key]: value } : f));
    setErrors((e) => (e[key] ? { ...e, [key]: undefined } : e));
  }, []);

  const chooseLogo = useCallback(
    (next: LayoutLogo | null) => {
      setLogo(next);
      set('logo', next?.id ?? null);
    },
    [set]
  );

  // The preview follows the form, a moment after the last change.
  useEffect(() => {
    if (!form) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      previewLayout({ ...form, name: form.name || '—' })
        .unwrap()
        .then(({ data }) => {
          if (cancelled) return;
          setPreview(data);
          setPreviewError(null);
        })
        .catch((e) => !cancelled && setPreviewError(errorMessage(e)));
    }, PREVIEW_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [form, previewLayout, errorMessage]);

  const save = async () => {
    if (!form) return;
    if (!form.name.trim()) {
      setErrors({ name: t('form.required', 'Ce champ est obligatoire.') });
      toggleNotification({ type: 'warning', message: t('form.missing', 'Renseignez les champs obligatoires (*).') });
      return;
    }
    setSaving(true);
    try {
      if (!id) {
        const { data: created } = await createLayout(form).unwrap();
        toggleNotification({ type: 'success', message: t('layout.created', 'Mise en page créée.') });
        navigate(ROUTES.layout(created.documentId), { replace: true });
      } else {
        const { data: saved } = await updateLayout({ documentId: id, body: form }).unwrap();
        setLogo(saved.logo);
        toggleNotification({ type: 'success', message: t('layout.saved', 'Mise en page enregistrée.') });
      }
    } catch (e) {
      const field = apiError(e)?.details?.field as keyof LayoutInput | undefined;
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
      await deleteLayout({ documentId: id }).unwrap();
      toggleNotification({ type: 'success', message: t('layout.deleted', 'Mise en page supprimée.') });
      navigate(ROUTES.layouts, { replace: true });
    } catch (e) {
      toggleNotification({ type: 'danger', message: errorMessage(e) });
    } finally {
      setDeleting(false);
    }
  };

  return { layout: loaded, loadError: query.error, form, set, logo, chooseLogo, errors, saving, save, deleting, remove, preview, previewError };
};
