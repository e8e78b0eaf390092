import { useState } from 'react';
import { Alert, EmptyStateLayout, Field, Flex, Grid, SingleSelect, SingleSelectOption, TextInput } from '@strapi/design-system';
import { Layouts, Page, useDebounce, useRBAC } from '@strapi/strapi/admin';
import { SuppressionsTable } from '../../components/bounces/SuppressionsTable';
import { Panel } from '../../components/common/Panel';
import { MessagesPager } from '../../components/messages/MessagesTable';
import { PERMISSIONS } from '../../constants';
import { useGetSuppressionsQuery, type SuppressionFilters } from '../../services/bounces';
import { usePages } from '../../services/pages';
import { useErrorMessage } from '../../utils/errors';
import { useT } from '../../utils/useT';

const PAGE_SIZE = 25;

type Status = NonNullable<SuppressionFilters['status']>;

/**
 * « Adresses en échec »: the addresses whose mail bounced, refused by later sends until
 * « Lever ». Listed for messages-read; « Lever » for those who may also send (send-single or
 * send-bulk), as the server checks.
 */
export const SuppressionsPage = () => {
  const t = useT();
  const errorMessage = useErrorMessage();
  const { pages } = usePages();
  const { allowedActions } = useRBAC(PERMISSIONS.suppressions);
  const mayClear = Boolean(allowedActions.canMessagesRead && (allowedActions.canSendSingle || allowedActions.canSendBulk));
  const [status, setStatus] = useState<Status>('active');
  const [address, setAddress] = useState('');
  const [pageNumber, setPageNumber] = useState(1);
  // One request once the typing has settled, not one per key.
  const search = useDebounce(address.trim(), 300);
  // `data`, not `currentData`: while the next filter's answer is on its way the table keeps the
  // last one, so it is not unmounted under the user's cursor, nor an open « Lever » confirmation closed.
  const { data: currentData, error } = useGetSuppressionsQuery(
    { status, address: search || undefined, page: pageNumber, pageSize: PAGE_SIZE },
    { refetchOnMountOrArgChange: true },
  );
  const title = t('suppressions.title', 'Adresses en échec');

  const pageLabel = (key: string) => {
    const p = pages.find((page) => page.key === key);
    return p ? `${p.module} › ${p.page}` : key;
  };
  const statuses: { value: Status; label: string }[] = [
    { value: 'active', label: t('suppressions.status.active', 'En échec') },
    { value: 'cleared', label: t('suppressions.status.cleared', 'Levées') },
    { value: 'all', label: t('suppressions.status.all', 'Toutes') },
  ];

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={t('suppressions.subtitle', 'Les adresses dont un mail est revenu non distribué : les envois suivants les écartent jusqu’à ce que l’échec soit levé')}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Panel title={t('messages.filters', 'Filtres')}>
            <Grid.Root gap={4}>
              <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
                <Field.Root name="status">
                  <Field.Label>{t('suppressions.state', 'État')}</Field.Label>
                  <SingleSelect
                    value={status}
                    onChange={(value: string | number) => {
                      setStatus(String(value) as Status);
                      setPageNumber(1);
                    }}
                  >
                    {statuses.map((s) => (
                      <SingleSelectOption key={s.value} value={s.value}>
                        {s.label}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
                <Field.Root name="address">
                  <Field.Label>{t('suppressions.address', 'Adresse')}</Field.Label>
                  <TextInput
                    value={address}
                    onChange={(e: React.ChangeEvent<HTMLInputElement>) => {
                      setAddress(e.target.value);
                      setPageNumber(1);
                    }}
                  />
                </Field.Root>
              </Grid.Item>
            </Grid.Root>
          </Panel>
          {error && (
            <Alert variant="danger" closeLabel={t('action.close', 'Fermer')} title={t('messages.error', 'Erreur')}>
              {errorMessage(error)}
            </Alert>
          )}
          {!currentData && !error && <Page.Loading />}
          {currentData && currentData.data.length === 0 && <EmptyStateLayout content={t('suppressions.empty', 'Aucune adresse en échec.')} />}
          {currentData && currentData.data.length > 0 && <SuppressionsTable suppressions={currentData.data} pageLabel={pageLabel} mayClear={mayClear} />}
          {currentData && currentData.meta.pagination.pageCount > 1 && (
            <MessagesPager
              pageNumber={pageNumber}
              pagination={currentData.meta.pagination}
              onPrevious={() => setPageNumber((n) => Math.max(1, n - 1))}
              onNext={() => setPageNumber((n) => n + 1)}
            />
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};
