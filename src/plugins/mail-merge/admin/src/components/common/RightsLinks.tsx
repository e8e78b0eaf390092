import { Box, Flex, Typography } from '@strapi/design-system';
import { useRBAC } from '@strapi/strapi/admin';
import { useGetAdminRolesQuery } from '../../services/api';
import { useT } from '../../utils/useT';
import { RouterLink } from './RouterLink';

const ROLES_READ = [{ action: 'admin::roles.read', subject: null }];

/**
 * The seed tells administrators to « rechercher le mot mail » in the rights; Strapi's role editor
 * has no search. Each role links straight to its « Mails de fusion » section (src/admin/quiet.ts
 * opens the « Plugins » tab and the section for the `#mail-merge-rights` anchor).
 */
export const RightsLinks = () => {
  const t = useT();
  const { allowedActions, isLoading } = useRBAC(ROLES_READ);
  const { data } = useGetAdminRolesQuery(undefined, { skip: !allowedActions.canRead, refetchOnMountOrArgChange: true });
  // The super admin holds every right: no link to its role (a failed read shows no links either).
  const roles = data?.data.filter((role) => role.code !== 'strapi-super-admin');

  if (isLoading || !allowedActions.canRead || !roles || roles.length === 0) return null;
  return (
    <Box tag="section" aria-label={t('home.rights', 'Droits « Mails de fusion »')}>
      <Box paddingBottom={2}>
        <Typography variant="beta" tag="h2">
          {t('home.rights', 'Droits « Mails de fusion »')}
        </Typography>
      </Box>
      <Box paddingBottom={3}>
        <Typography textColor="neutral600">
          {t('home.rights.hint', 'Les sept droits des mails (envoi unitaire, envoi groupé, suivi, extractions, modèles) se trouvent dans chaque rôle, onglet « Plugins », section « Mails de fusion » :')}
        </Typography>
      </Box>
      <Flex gap={4} wrap="wrap" tag="ul">
        {roles.map((role) => (
          <li key={role.id}>
            <RouterLink to={`/settings/roles/${role.id}#mail-merge-rights`}>
              {t('home.rights.role', 'Droits mails du rôle « {name} »', { name: role.name })}
            </RouterLink>
          </li>
        ))}
      </Flex>
    </Box>
  );
};
