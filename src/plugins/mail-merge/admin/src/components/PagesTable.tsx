import { Badge, EmptyStateLayout, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { Page } from '../services/pages';
import { getTranslation } from '../utils/getTranslation';
import { WrappingTable } from './common/WrappingTable';

/** The configured pages, one row each: module, page, records, default recipients, consent gate. */
export const PagesTable = ({ pages }: { pages: Page[] }) => {
  const { formatMessage } = useIntl();
  const t = (id: string, defaultMessage: string) => formatMessage({ id: getTranslation(id), defaultMessage });

  if (pages.length === 0) {
    return <EmptyStateLayout content={t('pages.empty', 'Aucune page configurée (config/plugins.ts)')} />;
  }

  return (
    <WrappingTable>
      <Table colCount={5} rowCount={pages.length + 1}>
        <Thead>
          <Tr>
            <Th><Typography variant="sigma">{t('pages.module', 'Module')}</Typography></Th>
            <Th><Typography variant="sigma">{t('pages.page', 'Page')}</Typography></Th>
            <Th><Typography variant="sigma">{t('pages.contentType', 'Fiches')}</Typography></Th>
            <Th><Typography variant="sigma">{t('pages.defaultRecipients', 'Destinataires par défaut')}</Typography></Th>
            <Th><Typography variant="sigma">{t('pages.consent', 'Consentement')}</Typography></Th>
          </Tr>
        </Thead>
        <Tbody>
          {pages.map((page) => (
            <Tr key={page.key} data-page-key={page.key}>
              <Td><Typography>{page.module}</Typography></Td>
              <Td><Typography fontWeight="bold">{page.page}</Typography></Td>
              <Td><Typography textColor="neutral600">{page.contentType}</Typography></Td>
              <Td><Typography>{page.defaultRecipients.map((r) => r.label).join(', ') || '—'}</Typography></Td>
              <Td>
                {page.consentGated ? (
                  <Badge style={{ whiteSpace: 'nowrap' }}>{t('pages.consent.gated', 'Soumis au consentement')}</Badge>
                ) : (
                  <Typography textColor="neutral600">{t('pages.consent.none', 'Personne morale')}</Typography>
                )}
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
    </WrappingTable>
  );
};
