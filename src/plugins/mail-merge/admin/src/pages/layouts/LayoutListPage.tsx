import { Badge, Box, Button, EmptyStateLayout, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Plus } from '@strapi/icons';
import { Layouts, Page, useRBAC } from '@strapi/strapi/admin';
import { Link as ReactRouterLink, useNavigate } from 'react-router-dom';
import { RouterLink } from '../../components/common/RouterLink';
import { PERMISSIONS, ROUTES } from '../../constants';
import { useGetLayoutsQuery } from '../../services/layouts';
import { useT } from '../../utils/useT';

/** « Mise en page »: the mutual's letterheads, the default one first. */
export const LayoutListPage = () => {
  const t = useT();
  const navigate = useNavigate();
  const { currentData, isLoading, error } = useGetLayoutsQuery(undefined, { refetchOnMountOrArgChange: true });
  const { allowedActions } = useRBAC(PERMISSIONS.configuration);
  const title = t('layouts.title', 'Mise en page');

  if (isLoading || (!currentData && !error)) return <Page.Loading />;
  if (error) return <Page.Error />;
  const layouts = currentData?.data ?? [];

  const addButton = allowedActions.canTemplatesManage ? (
    <Button tag={ReactRouterLink} to={ROUTES.newLayout} startIcon={<Plus />}>
      {t('layouts.add', 'Ajouter une mise en page')}
    </Button>
  ) : undefined;

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={t('layouts.subtitle', 'L’en-tête et le pied de page de la mutuelle autour des mails : logo, nom, adresse, mentions, couleurs')}
        primaryAction={addButton}
      />
      <Layouts.Content>
        {layouts.length === 0 ? (
          <EmptyStateLayout content={t('layouts.empty', 'Aucune mise en page : les mails partent sans en-tête ni pied de page.')} action={addButton} />
        ) : (
          <Box background="neutral0" hasRadius shadow="tableShadow">
            <Table colCount={3} rowCount={layouts.length + 1}>
              <Thead>
                <Tr>
                  <Th>
                    <Typography variant="sigma">{t('layout.field.name', 'Nom')}</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">{t('layout.field.headerTitle', 'Nom de la mutuelle')}</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">{t('layouts.status', 'Utilisation')}</Typography>
                  </Th>
                </Tr>
              </Thead>
              <Tbody>
                {layouts.map((layout) => (
                  <Tr key={layout.documentId} onClick={() => navigate(ROUTES.layout(layout.documentId))} style={{ cursor: 'pointer' }}>
                    <Td>
                      <RouterLink to={ROUTES.layout(layout.documentId)}>{layout.name}</RouterLink>
                    </Td>
                    <Td>
                      <Typography textColor="neutral600">{layout.headerTitle || '—'}</Typography>
                    </Td>
                    <Td>
                      {layout.isDefault ? (
                        <Badge backgroundColor="success100" textColor="success700">
                          {t('layouts.default', 'Par défaut')}
                        </Badge>
                      ) : (
                        <Typography textColor="neutral600">{t('layouts.chosen', 'Si un mail la choisit')}</Typography>
                      )}
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          </Box>
        )}
      </Layouts.Content>
    </Page.Main>
  );
};
