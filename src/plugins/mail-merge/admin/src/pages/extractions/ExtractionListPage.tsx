import { Badge, Box, Button, EmptyStateLayout, Flex, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { Layouts, Page, useRBAC } from '@strapi/strapi/admin';
import { Link as ReactRouterLink, useNavigate } from 'react-router-dom';
import { GroupedRecap, RecapHead } from '../../components/common/GroupedRecap';
import { RouterLink } from '../../components/common/RouterLink';
import { PERMISSIONS, ROUTES } from '../../constants';
import { useExtractions } from '../../services/api';
import { usePages } from '../../services/pages';
import type { Extraction } from '../../services/types';
import { groupByModule } from '../../utils/groupByPage';
import { useT } from '../../utils/useT';

/** « Récapitulatif des extractions pour mails »: each extraction under every page it is bound to. */
export const ExtractionListPage = () => {
  const t = useT();
  const navigate = useNavigate();
  const { pages, isLoading: loadingPages, error: pagesError } = usePages();
  const { data, isLoading, error } = useExtractions();
  const { allowedActions } = useRBAC(PERMISSIONS.configuration);
  const title = t('extractions.title', 'Récapitulatif des extractions pour mails');

  if (isLoading || loadingPages) return <Page.Loading />;
  if (error || pagesError) return <Page.Error />;

  const extractions = data?.data ?? [];
  const groups = groupByModule(pages, extractions, (e) => e.bindings.map((b) => b.page));
  const unbound = extractions.filter((e) => !e.bindings.some((b) => pages.some((p) => p.key === b.page)));

  const addButton = allowedActions.canExtractionsManage ? (
    <Button tag={ReactRouterLink} to={ROUTES.newExtraction} startIcon={<Plus />}>
      {t('extractions.add', 'Ajouter une extraction pour mails')}
    </Button>
  ) : undefined;

  const cells = (extraction: Extraction) => [
    <RouterLink to={ROUTES.extraction(extraction.documentId)}>{extraction.title}</RouterLink>,
    <Typography textColor="neutral600">{extraction.description || '—'}</Typography>,
    <Badge>{t('extractions.fieldCount', '{count, plural, =0 {aucun champ} one {# champ} other {# champs}}', { count: extraction.columns?.length ?? 0 })}</Badge>,
  ];
  const columns = [
    { key: 'title', label: t('extractions.field.title', 'Intitulé'), width: '30%' },
    { key: 'description', label: t('extractions.field.description', 'Description') },
    { key: 'columns', label: t('extractions.columns', 'Champs de fusion'), width: '16%' },
  ];

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={t('extractions.subtitle', 'Les requêtes qui fournissent les champs de fusion aux modèles de mail')}
        primaryAction={addButton}
      />
      <Layouts.Content>
        {extractions.length === 0 ? (
          <EmptyStateLayout content={t('extractions.empty', 'Aucune extraction pour mails.')} action={addButton} />
        ) : (
          <Flex direction="column" alignItems="stretch" gap={6}>
            <GroupedRecap
              groups={groups}
              columns={columns}
              rowKey={(e) => e.documentId}
              renderCells={cells}
              onRowClick={(e) => navigate(ROUTES.extraction(e.documentId))}
            />
            {unbound.length > 0 && (
              <Box tag="section">
                <Box paddingBottom={3}>
                  <Typography variant="delta" tag="h2">
                    {t('extractions.unbound', 'Extractions accessibles à partir d’aucune page')}
                  </Typography>
                </Box>
                <Table colCount={3} rowCount={unbound.length + 1}>
                  <RecapHead columns={columns} />
                  <Tbody>
                    {unbound.map((extraction) => (
                      <Tr key={extraction.documentId} onClick={() => navigate(ROUTES.extraction(extraction.documentId))} style={{ cursor: 'pointer' }}>
                        {cells(extraction).map((cell, i) => (
                          <Td key={columns[i].key}>{cell}</Td>
                        ))}
                      </Tr>
                    ))}
                  </Tbody>
                </Table>
              </Box>
            )}
          </Flex>
        )}
      </Layouts.Content>
    </Page.Main>
  );
};
