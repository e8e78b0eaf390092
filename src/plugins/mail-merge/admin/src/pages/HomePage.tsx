import { Box, Flex, Grid, Typography } from '@strapi/design-system';
import { Database, Mail, PaintBrush, PaperPlane } from '@strapi/icons';
import { Layouts, Page, useRBAC } from '@strapi/strapi/admin';
import { HubCard } from '../components/common/HubCard';
import { PagesTable } from '../components/PagesTable';
import { RightsLinks } from '../components/common/RightsLinks';
import { PERMISSIONS, ROUTES } from '../constants';
import { usePages } from '../services/pages';
import { useT } from '../utils/useT';

/** Landing page of « Mails de fusion »: the configuration screens, then the pages from which mail can be sent. */
export const HomePage = () => {
  const t = useT();
  const { pages, isLoading, error } = usePages();
  const { allowedActions, isLoading: isLoadingRights } = useRBAC(PERMISSIONS.configuration);
  const { allowedActions: batchRights, isLoading: isLoadingBatchRights } = useRBAC(PERMISSIONS.batches);
  const title = t('plugin.name', 'Mails de fusion');

  if (isLoading || isLoadingRights || isLoadingBatchRights) return <Page.Loading />;
  if (error) return <Page.Error />;

  const sendingCards = [
    (batchRights.canSendBulk || batchRights.canMessagesRead) && (
      <HubCard
        key="batches"
        icon={<PaperPlane />}
        to={ROUTES.batches}
        title={t('nav.batches', 'Envois groupés')}
        description={t('home.batches.description', 'Les mails groupés lancés depuis les listes : avancement, pause, reprise, rapport.')}
      />
    ),
  ].filter(Boolean);

  const cards = [
    allowedActions.canExtractionsRead && (
      <HubCard
        key="extractions"
        icon={<Database />}
        to={ROUTES.extractions}
        title={t('nav.extractions', 'Extractions')}
        description={t('home.extractions.description', 'Les requêtes qui fournissent les champs de fusion, et les pages à partir desquelles elles sont accessibles.')}
      />
    ),
    allowedActions.canTemplatesRead && (
      <HubCard
        key="templates"
        icon={<Mail />}
        to={ROUTES.templates}
        title={t('nav.templates', 'Modèles de mail')}
        description={t('home.templates.description', 'Les mails paramétrés par page : destinataire, sujet et corps avec des champs de fusion.')}
      />
    ),
    allowedActions.canTemplatesRead && (
      <HubCard
        key="layouts"
        icon={<PaintBrush />}
        to={ROUTES.layouts}
        title={t('nav.layouts', 'Mise en page')}
        description={t('home.layouts.description', 'L’en-tête et le pied de page de la mutuelle autour des mails : logo, adresse, mentions RGPD, couleurs.')}
      />
    ),
  ].filter(Boolean);

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={t('home.subtitle', 'Pages à partir desquelles les gestionnaires peuvent envoyer des mails')}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={8}>
          {sendingCards.length > 0 && (
            <Box>
              <Box paddingBottom={4}>
                <Typography variant="delta" tag="h2">
                  {t('nav.mails', 'Envoi des mails')}
                </Typography>
              </Box>
              <Grid.Root gap={4}>
                {sendingCards.map((card) => (
                  <Grid.Item key={(card as JSX.Element).key} col={6} s={12} alignItems="stretch">
                    {card}
                  </Grid.Item>
                ))}
              </Grid.Root>
            </Box>
          )}
          {cards.length > 0 && (
            <Box>
              <Box paddingBottom={4}>
                <Typography variant="beta" tag="h2">
                  {t('nav.settings', 'Paramétrage des mails')}
                </Typography>
              </Box>
              <Grid.Root gap={4}>
                {cards.map((card) => (
                  <Grid.Item key={(card as JSX.Element).key} col={6} s={12} alignItems="stretch">
                    {card}
                  </Grid.Item>
                ))}
              </Grid.Root>
            </Box>
          )}
          <Box>
            <Box paddingBottom={4}>
              <Typography variant="beta" tag="h2">
                {t('home.pages', 'Pages configurées')}
              </Typography>
            </Box>
            <PagesTable pages={pages} />
          </Box>
          <RightsLinks />
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};
