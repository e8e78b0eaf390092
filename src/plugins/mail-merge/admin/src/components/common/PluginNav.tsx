import { Divider } from '@strapi/design-system';
import { SubNav, useRBAC } from '@strapi/strapi/admin';
import { PERMISSIONS, ROUTES } from '../../constants';
import { useT } from '../../utils/useT';

/** The plugin's sub-navigation: the hub, then « Paramétrage des mails » as each permission allows. */
export const PluginNav = () => {
  const t = useT();
  const { allowedActions } = useRBAC(PERMISSIONS.configuration);
  const { allowedActions: sending } = useRBAC([...PERMISSIONS.senders, ...PERMISSIONS.messagesRead]);
  const title = t('plugin.name', 'Mails de fusion');

  const settings = [
    allowedActions.canExtractionsRead && (
      <SubNav.Link key="extractions" to={ROUTES.extractions} label={t('nav.extractions', 'Extractions')} />
    ),
    allowedActions.canTemplatesRead && (
      <SubNav.Link key="templates" to={ROUTES.templates} label={t('nav.templates', 'Modèles de mail')} />
    ),
    allowedActions.canTemplatesRead && <SubNav.Link key="layouts" to={ROUTES.layouts} label={t('nav.layouts', 'Mise en page')} />,
  ].filter(Boolean) as JSX.Element[];

  const mails = [
    sending.canMessagesRead && <SubNav.Link key="messages" to={ROUTES.messages} label={t('nav.messages', 'Suivi des mails')} />,
    sending.canMessagesRead && <SubNav.Link key="suppressions" to={ROUTES.suppressions} label={t('nav.suppressions', 'Adresses en échec')} />,
    (sending.canSendBulk || sending.canMessagesRead) && <SubNav.Link key="batches" to={ROUTES.batches} label={t('nav.batches', 'Envois groupés')} />,
    (sending.canSendSingle || sending.canSendBulk) && (
      <SubNav.Link key="profile" to={ROUTES.profile} label={t('nav.profile', 'Mon profil d’envoi')} />
    ),
  ].filter(Boolean) as JSX.Element[];

  return (
    <SubNav.Main aria-label={title}>
      <SubNav.Header label={title} />
      <Divider />
      <SubNav.Content>
        <SubNav.Sections>
          {[
            <SubNav.Section key="general" label={t('nav.general', 'Général')}>
              {[<SubNav.Link key="home" to={ROUTES.home} end label={t('nav.home', 'Pages configurées')} />]}
            </SubNav.Section>,
            ...(mails.length > 0
              ? [
                  <SubNav.Section key="mails" label={t('nav.mails', 'Envoi des mails')}>
                    {mails}
                  </SubNav.Section>,
                ]
              : []),
            ...(settings.length > 0
              ? [
                  <SubNav.Section key="settings" label={t('nav.settings', 'Paramétrage des mails')}>
                    {settings}
                  </SubNav.Section>,
                ]
              : []),
          ]}
        </SubNav.Sections>
      </SubNav.Content>
    </SubNav.Main>
  );
};
