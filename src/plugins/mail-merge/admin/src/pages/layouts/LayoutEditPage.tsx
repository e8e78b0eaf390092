import { useState } from 'react';
import { Button, Flex, Grid, Typography } from '@strapi/design-system';
import { Check, Trash } from '@strapi/icons';
import { BackButton, Layouts, Page, useRBAC } from '@strapi/strapi/admin';
import { useParams } from 'react-router-dom';
import { ConfirmDialog } from '../../components/common/ConfirmDialog';
import { RecapActions } from '../../components/common/RecapActions';
import { LayoutFields } from '../../components/layouts/LayoutFields';
import { LayoutPreview } from '../../components/layouts/LayoutPreview';
import { PERMISSIONS, ROUTES } from '../../constants';
import { useLayoutForm } from '../../hooks/useLayoutForm';
import { useT } from '../../utils/useT';

/** « Mise en page »: the letterhead's fields beside a live preview of a mail in it. */
export const LayoutEditPage = () => {
  const t = useT();
  const { id = null } = useParams<{ id: string }>();
  const { allowedActions } = useRBAC(PERMISSIONS.configuration);
  const canManage = Boolean(allowedActions.canTemplatesManage);
  const { layout, loadError, form, set, logo, chooseLogo, errors, saving, save, deleting, remove, preview, previewError } = useLayoutForm(id);
  const [confirmDelete, setConfirmDelete] = useState(false);

  if (loadError) return <Page.Error />;
  if (!form) return <Page.Loading />;
  const title = id ? form.name || layout?.name || '' : t('layout.new', 'Nouvelle mise en page');

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        navigationAction={<BackButton fallback={ROUTES.layouts} />}
        title={title}
        subtitle={t('layout.subtitle', 'En-tête, pied de page et couleurs des mails')}
        secondaryAction={<RecapActions recap={ROUTES.layouts} create={id && canManage ? { to: ROUTES.newLayout, label: t('layouts.add', 'Ajouter une mise en page') } : null} />}
        primaryAction={
          canManage && (
            <Flex gap={2}>
              {id && (
                <Button variant="danger-light" startIcon={<Trash />} onClick={() => setConfirmDelete(true)}>
                  {t('layout.delete', 'Supprimer')}
                </Button>
              )}
              <Button startIcon={<Check />} onClick={save} loading={saving}>
                {t('action.save', 'Enregistrer')}
              </Button>
            </Flex>
          )
        }
      />
      <Layouts.Content>
        <Grid.Root gap={4}>
          <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
            <LayoutFields form={form} set={set} logo={logo} onLogo={chooseLogo} errors={errors} disabled={!canManage} />
          </Grid.Item>
          <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
            <LayoutPreview preview={preview} error={previewError} />
          </Grid.Item>
        </Grid.Root>
      </Layouts.Content>
      <ConfirmDialog
        open={confirmDelete}
        title={t('confirm.title', 'Confirmation')}
        confirmLabel={t('layout.delete', 'Supprimer')}
        onConfirm={remove}
        onCancel={() => setConfirmDelete(false)}
        loading={deleting}
      >
        <Typography textAlign="center">
          {t('layout.deleteConfirm', 'La mise en page « {name} » sera supprimée. Les mails qui l’utilisaient prendront la mise en page par défaut.', {
            name: layout?.name ?? '',
          })}
        </Typography>
      </ConfirmDialog>
    </Page.Main>
  );
};
