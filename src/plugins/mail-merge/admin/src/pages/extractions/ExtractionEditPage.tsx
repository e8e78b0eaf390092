import { Button, Flex, Typography } from '@strapi/design-system';
import { Check, Trash } from '@strapi/icons';
import { BackButton, Layouts, Page, useRBAC } from '@strapi/strapi/admin';
import { RecapActions } from '../../components/common/RecapActions';
import { useParams } from 'react-router-dom';
import { ConfirmDialog } from '../../components/common/ConfirmDialog';
import { BrokenTemplatesList } from '../../components/extractions/BrokenTemplatesList';
import { ExtractionBindingsPanel } from '../../components/extractions/ExtractionBindingsPanel';
import { ExtractionCardPanel } from '../../components/extractions/ExtractionCardPanel';
import { ExtractionTester } from '../../components/extractions/ExtractionTester';
import { ExtractionTemplates } from '../../components/extractions/ExtractionTemplates';
import { PERMISSIONS, ROUTES } from '../../constants';
import { useExtractionForm } from '../../hooks/useExtractionForm';
import { usePages } from '../../services/pages';
import { useT } from '../../utils/useT';

/** « Fiche extraction pour mails »: title, description, SQL, « Tester », and the pages it is accessible from. */
export const ExtractionEditPage = () => {
  const t = useT();
  const { id = null } = useParams<{ id: string }>();
  const { allowedActions } = useRBAC(PERMISSIONS.configuration);
  const canManage = Boolean(allowedActions.canExtractionsManage);
  const { pages, isLoading: loadingPages } = usePages();
  const extraction = useExtractionForm(id, canManage);
  const { data, form, set, saving, save, broken, deleting, confirmDelete, setConfirmDelete } = extraction;

  if (extraction.isLoading || loadingPages) return <Page.Loading />;
  if (extraction.loadError) return <Page.Error />;

  const templates = data?.meta.templates ?? [];
  const title = id ? form.title || data?.data.title || '' : t('extraction.new', 'Nouvelle extraction pour mails');
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
          <ExtractionCardPanel form={form} set={set} errors={extraction.errors} canManage={canManage} />

          <ExtractionTester documentId={id} query={form.query} boundPages={boundPages} canManage={canManage} />

          <ExtractionBindingsPanel
            pages={pages}
            value={form.pages}
            onChange={(next) => set('pages', next)}
            keyMismatches={extraction.keyMismatches}
            disabled={!canManage}
          />

          {id && <ExtractionTemplates templates={templates} pages={pages} />}
        </Flex>
      </Layouts.Content>

      <ConfirmDialog
        open={broken !== null}
        variant="default"
        title={t('broken.title', 'Attention')}
        confirmLabel={t('broken.confirm', 'Enregistrer quand même')}
        onConfirm={extraction.confirmBroken}
        onCancel={extraction.cancelBroken}
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
        onConfirm={extraction.remove}
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
