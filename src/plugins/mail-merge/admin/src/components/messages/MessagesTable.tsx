import { Button, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { MessageSummary, Pagination } from '../../services/messages';
import { useT } from '../../utils/useT';
import { WrappingTable } from '../common/WrappingTable';
import { StatusBadge } from '../sending/EventsPanel';

type Props = {
  messages: MessageSummary[];
  /** « Module › Page » of a page key. */
  pageLabel: (key: string) => string;
  onOpen: (documentId: string) => void;
};

/** The mails of « Suivi des mails », one row each; a click on a row opens its detail. */
export const MessagesTable = ({ messages, pageLabel, onOpen }: Props) => {
  const t = useT();
  const { formatDate } = useIntl();
  return (
    <WrappingTable>
      <Table colCount={6} rowCount={messages.length + 1}>
        <Thead>
          <Tr>
            <Th><Typography variant="sigma">{t('messages.date', 'Date')}</Typography></Th>
            <Th><Typography variant="sigma">{t('messages.page', 'Page')}</Typography></Th>
            <Th><Typography variant="sigma">{t('send.subject', 'Sujet')}</Typography></Th>
            <Th><Typography variant="sigma">{t('send.to', 'Pour')}</Typography></Th>
            <Th><Typography variant="sigma">{t('messages.sentBy', 'Envoyé par')}</Typography></Th>
            <Th><Typography variant="sigma">{t('messages.status', 'Statut')}</Typography></Th>
          </Tr>
        </Thead>
        <Tbody>
          {messages.map((m) => (
            <Tr key={m.documentId} onClick={() => onOpen(m.documentId)} style={{ cursor: 'pointer' }} data-message={m.documentId}>
              <Td><Typography>{formatDate(m.createdAt, { dateStyle: 'short', timeStyle: 'short' })}</Typography></Td>
              <Td><Typography textColor="neutral600">{pageLabel(m.page)}</Typography></Td>
              <Td>
                <Flex direction="column" alignItems="flex-start" gap={1}>
                  <Typography>{m.subject}</Typography>
                  {m.templateTitle && <Typography variant="pi" textColor="neutral500">{m.templateTitle}</Typography>}
                </Flex>
              </Td>
              <Td><Typography textColor="neutral600">{(m.to ?? []).join(', ')}</Typography></Td>
              <Td><Typography textColor="neutral600">{m.sentByName ?? '—'}</Typography></Td>
              <Td><StatusBadge status={m.status} /></Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
    </WrappingTable>
  );
};

type PagerProps = { pageNumber: number; pagination: Pagination; onPrevious: () => void; onNext: () => void };

/** « Précédent » · « Page n sur m » · « Suivant », under the table when there is more than one page. */
export const MessagesPager = ({ pageNumber, pagination, onPrevious, onNext }: PagerProps) => {
  const t = useT();
  return (
    <Flex justifyContent="flex-end" gap={3} alignItems="center">
      <Button variant="tertiary" disabled={pageNumber <= 1} onClick={onPrevious}>
        {t('messages.previous', 'Précédent')}
      </Button>
      <Typography textColor="neutral600">
        {t('messages.pageOf', 'Page {page} sur {count}', { page: pagination.page, count: pagination.pageCount })}
      </Typography>
      <Button variant="tertiary" disabled={pageNumber >= pagination.pageCount} onClick={onNext}>
        {t('messages.next', 'Suivant')}
      </Button>
    </Flex>
  );
};
