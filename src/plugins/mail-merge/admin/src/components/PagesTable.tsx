import { Badge, EmptyStateLayout, Flex, Typography } from '@strapi/design-system';
import type { Page } from '../services/pages';
import { groupByModule } from '../utils/groupByPage';
import { useT } from '../utils/useT';
import { GroupedRecap } from './common/GroupedRecap';
import { RouterLink } from './common/RouterLink';

/** Records of a page in the Content Manager (every page of the registry is a collection type). */
const recordsLink = (page: Page) => `/content-manager/collection-types/${page.contentType}`;

/**
 * The configured pages grouped by module, like the extraction and template recaps: records (a
 * link to them), default recipients, consent gate.
 */
export const PagesTable = ({ pages }: { pages: Page[] }) => {
  const t = useT();

  if (pages.length === 0) {
    return <EmptyStateLayout content={t('pages.empty', 'Aucune page configurée (config/plugins.ts)')} />;
  }

  return (
    <GroupedRecap
      groups={groupByModule(pages, pages, (page) => [page.key])}
      columns={[
        { key: 'records', label: t('pages.contentType', 'Fiches'), width: '20%' },
        { key: 'recipients', label: t('pages.defaultRecipients', 'Destinataires par défaut') },
        { key: 'consent', label: t('pages.consent', 'Consentement'), width: '24%' },
      ]}
      rowKey={(page) => page.key}
      renderCells={(page) => [
        <RouterLink to={recordsLink(page)}>{page.contentTypeName ?? page.contentType}</RouterLink>,
        <Flex direction="column" alignItems="flex-start" gap={1}>
          {page.defaultRecipients.length === 0 && <Typography textColor="neutral600">—</Typography>}
          {page.defaultRecipients.map((recipient) => (
            <Typography key={recipient.field}>{recipient.label}</Typography>
          ))}
        </Flex>,
        page.consentGated ? (
          <Badge backgroundColor="warning100" textColor="warning700" style={{ whiteSpace: 'nowrap' }}>
            {t('pages.consent.gated', 'Soumis au consentement')}
          </Badge>
        ) : (
          // Structures and health professionals are legal entities: no consent to check.
          <Typography textColor="neutral600">{t('pages.consent.none', 'Personne morale')}</Typography>
        ),
      ]}
    />
  );
};
