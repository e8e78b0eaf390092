import { Badge, Button, EmptyStateLayout, Flex, Typography } from '@strapi/design-system';
import { Plus, WarningCircle } from '@strapi/icons';
import { Layouts, Page, useRBAC } from '@strapi/strapi/admin';
import { Link as ReactRouterLink, useNavigate } from 'react-router-dom';
import { GroupedRecap } from '../../components/common/GroupedRecap';
import { RouterLink } from '../../components/common/RouterLink';
import { PERMISSIONS, ROUTES } from '../../constants';
import { useTemplates } from '../../services/api';
import { usePages, type Page as PageConfig } from '../../services/pages';
import type { Template } from '../../services/types';
import { groupByModule } from '../../utils/groupByPage';
import { describeProblem } from '../../utils/problems';
import { useT } from '../../utils/useT';

/** « Récapitulatif des mails paramétrés », by module then page; invalid templates are flagged with the reason. */
export const TemplateListPage = () => {
  const t = useT();
  const navigate = useNavigate();
  const { pages, isLoading: loadingPages, error: pagesError } = usePages();
  const { data, isLoading, error } = useTemplates();
  const { allowedActions } = useRBAC(PERMISSIONS.configuration);
  const title = t('templates.title', 'Récapitulatif des mails paramétrés');

  if (isLoading || loadingPages) return <Page.Loading />;
  if (error || pagesError) return <Page.Error />;

  const templates = data?.data ?? [];
  const groups = groupByModule(pages, templates, (template) => [template.page]);
  // Templates of a page no longer configured still show, to be fixed or deleted.
  const orphans = templates.filter((template) => !pages.some((p) => p.key === template.page));
  if (orphans.length > 0) {
    const orphanPages = [...new Set(orphans.map((o) => o.page))].map(
      (key): PageConfig => ({ key, module: '', page: key, contentType: '', defaultRecipients: [], consentGated: false, consentForm: false })
    );
    groups.push({
      module: t('templates.orphans', 'Pages non configurées'),
      pages: orphanPages.map((page) => ({ page, items: orphans.filter((o) => o.page === page.key) })),
    });
  }

  const addButton = allowedActions.canTemplatesManage ? (
    <Button tag={ReactRouterLink} to={ROUTES.newTemplate} startIcon={<Plus />}>
      {t('templates.add', 'Ajouter un mail')}
    </Button>
  ) : undefined;

  const status = (template: Template) =>
    template.valid ? (
      <Badge backgroundColor="success100" textColor="success700">
        {t('templates.valid', 'Valide')}
      </Badge>
    ) : (
      <Flex direction="column" alignItems="flex-start" gap={1}>
        <Badge backgroundColor="warning100" textColor="warning700" data-invalid-template={template.documentId}>
          <Flex gap={1} alignItems="center">
            <WarningCircle fill="warning600" width="1.2rem" height="1.2rem" />
            {t('templates.invalid', 'À corriger')}
          </Flex>
        </Badge>
        {template.problems.map((problem) => (
          <Typography key={problem.code} variant="pi" textColor="warning700">
            {describeProblem(t, problem)}
          </Typography>
        ))}
      </Flex>
    );

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={t('templates.subtitle', 'Les modèles de mail, par page d’utilisation')}
        primaryAction={addButton}
      />
      <Layouts.Content>
        {templates.length === 0 ? (
          <EmptyStateLayout content={t('templates.empty', 'Aucun mail paramétré.')} action={addButton} />
        ) : (
          <GroupedRecap
            groups={groups}
            columns={[
              { key: 'title', label: t('templates.field.title', 'Intitulé'), width: '24%' },
              { key: 'description', label: t('templates.field.description', 'Description') },
              { key: 'extraction', label: t('templates.field.extraction', 'Extraction'), width: '16%' },
              { key: 'status', label: t('templates.status', 'État'), width: '16%' },
            ]}
            rowKey={(template) => template.documentId}
            onRowClick={(template) => navigate(ROUTES.template(template.documentId))}
            renderCells={(template) => [
              <Flex direction="column" alignItems="flex-start" gap={1}>
                <RouterLink to={ROUTES.template(template.documentId)}>{template.title}</RouterLink>
                {template.family && (
                  <Typography variant="pi" textColor="neutral500">
                    {template.family}
                  </Typography>
                )}
              </Flex>,
              <Typography textColor="neutral600">{template.description}</Typography>,
              <Typography textColor="neutral600">{template.extraction?.title ?? '—'}</Typography>,
              status(template),
            ]}
          />
        )}
      </Layouts.Content>
    </Page.Main>
  );
};
