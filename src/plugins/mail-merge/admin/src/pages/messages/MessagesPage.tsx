import { useState } from 'react';
import { Alert, Button, EmptyStateLayout, Flex } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { Layouts, Page, useRBAC } from '@strapi/strapi/admin';
import { MessageFilters } from '../../components/messages/MessageFilters';
import { MessageModal } from '../../components/messages/MessageModal';
import { MessagesPager, MessagesTable } from '../../components/messages/MessagesTable';
import { PERMISSIONS } from '../../constants';
import { useMessages } from '../../hooks/useMessages';
import { useGetTemplatesQuery } from '../../services/api';
import { usePages } from '../../services/pages';
import { useT } from '../../utils/useT';

/** « Suivi des mails »: every mail sent from the records, with filters, detail and « Renvoyer ». */
export const MessagesPage = () => {
  const t = useT();
  const { pages } = usePages();
  const { allowedActions } = useRBAC([...PERMISSIONS.templatesRead, ...PERMISSIONS.sendSingle]);
  const templates = useGetTemplatesQuery({}, { skip: !allowedActions.canTemplatesRead });
  const { filters, setFilter, pageNumber, previousPage, nextPage, result, error, refresh } = useMessages();
  const [open, setOpen] = useState<string | null>(null);
  const title = t('messages.title', 'Suivi des mails');

  const pageLabel = (key: string) => {
    const p = pages.find((page) => page.key === key);
    return p ? `${p.module} › ${p.page}` : key;
  };
  const templateOptions = allowedActions.canTemplatesRead ? (templates.data?.data ?? []) : [];

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={t('messages.subtitle', 'Les mails envoyés depuis les fiches, du plus récent au plus ancien')}
        primaryAction={
          <Button variant="secondary" startIcon={<ArrowClockwise />} onClick={refresh}>
            {t('messages.refresh', 'Actualiser')}
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <MessageFilters filters={filters} setFilter={setFilter} pages={pages} templates={templateOptions} />
          {error && (
            <Alert variant="danger" closeLabel={t('action.close', 'Fermer')} title={t('messages.error', 'Erreur')}>
              {error}
            </Alert>
          )}
          {!result && !error && <Page.Loading />}
          {result && result.data.length === 0 && <EmptyStateLayout content={t('messages.empty', 'Aucun mail ne correspond.')} />}
          {result && result.data.length > 0 && <MessagesTable messages={result.data} pageLabel={pageLabel} onOpen={setOpen} />}
          {result && result.pagination.pageCount > 1 && (
            <MessagesPager pageNumber={pageNumber} pagination={result.pagination} onPrevious={previousPage} onNext={nextPage} />
          )}
        </Flex>
        {open && <MessageModal id={open} onClose={() => setOpen(null)} onResent={refresh} mayResend={Boolean(allowedActions.canSendSingle)} />}
      </Layouts.Content>
    </Page.Main>
  );
};
