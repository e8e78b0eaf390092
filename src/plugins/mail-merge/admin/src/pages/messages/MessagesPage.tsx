import { useEffect, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  EmptyStateLayout,
  Field,
  Flex,
  Grid,
  Loader,
  Modal,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  TextInput,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { Layouts, Page, useNotification, useRBAC } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { useSearchParams } from 'react-router-dom';
import { MailFrame } from '../../components/common/MailFrame';
import { Panel } from '../../components/common/Panel';
import { WrappingTable } from '../../components/common/WrappingTable';
import { StatusBadge } from '../../components/sending/EventsPanel';
import { PERMISSIONS } from '../../constants';
import type { Template } from '../../services/types';
import { useApiQuery } from '../../services/useApiQuery';
import { usePages } from '../../services/pages';
import { useMessagesApi, type MessageDetail, type MessageFilters, type MessageSummary, type Pagination } from '../../services/sending';
import { useErrorMessage } from '../../utils/errors';
import { useT } from '../../utils/useT';

const PAGE_SIZE = 20;
const STATUSES = [
  ['queued', 'status.queued', 'en file'],
  ['sending', 'status.sending', 'en cours'],
  ['sent', 'status.sent', 'envoyé'],
  ['failed', 'status.failed', 'échec'],
  ['uncertain', 'status.uncertain', 'incertain'],
  ['held', 'status.held', 'en pause'],
  ['cancelled', 'status.cancelled', 'annulé'],
  ['skipped', 'status.skipped', 'non envoyé'],
] as const;

const Line = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <Flex gap={3} alignItems="baseline">
    <Box minWidth="12rem">
      <Typography variant="sigma" textColor="neutral600">
        {label}
      </Typography>
    </Box>
    <Typography textColor="neutral800">{children}</Typography>
  </Flex>
);

const canResend = (m: MessageSummary) => m.status === 'failed' || m.status === 'uncertain';

/** One message: headers, the rendered mail in a sandboxed frame, the error, « Renvoyer ». */
const MessageModal = ({ id, onClose, onResent, mayResend }: { id: string; onClose: () => void; onResent: () => void; mayResend: boolean }) => {
  const t = useT();
  const api = useMessagesApi();
  const errorMessage = useErrorMessage();
  const { formatDate } = useIntl();
  const { toggleNotification } = useNotification();
  const [message, setMessage] = useState<MessageDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [resending, setResending] = useState(false);

  useEffect(() => {
    let cancelled = false;
    api
      .get(id)
      .then((m) => !cancelled && setMessage(m))
      .catch((e) => !cancelled && setError(errorMessage(e)));
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, id]);

  const resend = async () => {
    setResending(true);
    setError(null);
    try {
      await api.resend(id);
      toggleNotification({ type: 'success', message: t('messages.resent', 'Mail remis en file d’envoi.') });
      onResent();
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setResending(false);
    }
  };

  const formatSize = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} Mo` : `${Math.max(1, Math.round(bytes / 1024))} Ko`);
  const list = (values: string[] | null | undefined) => (values && values.length > 0 ? values.join(', ') : '—');

  return (
    <Modal.Root open onOpenChange={(open: boolean) => !open && onClose()}>
      <Modal.Content style={{ width: 'min(90rem, 92vw)', maxWidth: 'none' }}>
        <Modal.Header>
          <Modal.Title>{message?.subject ?? t('messages.detail', 'Détail du mail')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {!message && !error && <Loader small>{t('messages.loading', 'Chargement…')}</Loader>}
          <Flex direction="column" alignItems="stretch" gap={4}>
            {error && (
              <Alert variant="danger" closeLabel={t('action.close', 'Fermer')} title={t('messages.error', 'Erreur')}>
                {error}
              </Alert>
            )}
            {message && (
              <>
                <Flex direction="column" alignItems="stretch" gap={2}>
                  <Line label={t('messages.status', 'Statut')}>
                    <StatusBadge status={message.status} />
                  </Line>
                  <Line label={t('send.from', 'Expéditeur')}>{message.fromAddress}</Line>
                  <Line label={t('send.to', 'Pour')}>{list(message.to)}</Line>
                  <Line label={t('send.cc', 'Copie à')}>{list(message.cc)}</Line>
                  <Line label={t('send.bcc', 'Copie cachée')}>{list(message.bcc)}</Line>
                  <Line label={t('messages.template', 'Modèle')}>{message.templateTitle ?? '—'}</Line>
                  <Line label={t('send.priority', 'Envoi prioritaire')}>{message.priority ? t('common.yes', 'Oui') : t('common.no', 'Non')}</Line>
                  <Line label={t('send.attachments', 'Pièce(s) jointe(s)')}>
                    {message.attachments?.length
                      ? message.attachments.map((file) => `${file.filename} (${formatSize(file.size)})`).join(', ')
                      : '—'}
                  </Line>
                  <Line label={t('messages.createdAt', 'Créé le')}>{formatDate(message.createdAt, { dateStyle: 'short', timeStyle: 'short' })}</Line>
                  <Line label={t('messages.sentAt', 'Envoyé le')}>{message.sentAt ? formatDate(message.sentAt, { dateStyle: 'short', timeStyle: 'short' }) : '—'}</Line>
                  <Line label={t('messages.attempts', 'Tentatives')}>{String(message.attempts ?? 0)}</Line>
                  <Line label={t('messages.sentBy', 'Envoyé par')}>{message.sentByName ?? '—'}</Line>
                </Flex>
                {message.error && (
                  <Alert variant="danger" closeLabel={t('action.close', 'Fermer')} title={t('messages.failure', 'Erreur d’envoi')}>
                    {message.error}
                  </Alert>
                )}
                {message.purgedAt ? (
                  <Alert variant="default" closeLabel={t('action.close', 'Fermer')} title={t('messages.purged.title', 'Contenu effacé')}>
                    {t('messages.purged.body', 'Le contenu de ce mail a été effacé le {date} (durée de conservation) : restent les destinataires, l’objet, le modèle, les dates et le résultat.', {
                      date: formatDate(message.purgedAt, { dateStyle: 'short' }),
                    })}
                  </Alert>
                ) : (
                  <MailFrame title={t('messages.rendered', 'Mail envoyé')} html={message.html ?? ''} />
                )}
              </>
            )}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Button variant="tertiary" onClick={onClose}>
            {t('action.close', 'Fermer')}
          </Button>
          {message && mayResend && canResend(message) && (
            <Button startIcon={<ArrowClockwise />} onClick={resend} loading={resending}>
              {t('messages.resend', 'Renvoyer')}
            </Button>
          )}
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};

/** « Suivi des mails »: every mail sent from the records, with filters, detail and « Renvoyer ». */
export const MessagesPage = () => {
  const t = useT();
  const api = useMessagesApi();
  const errorMessage = useErrorMessage();
  const { formatDate } = useIntl();
  const { pages } = usePages();
  const { allowedActions } = useRBAC([...PERMISSIONS.templatesRead, ...PERMISSIONS.sendSingle]);
  const templates = useApiQuery<{ data: Template[] }>(allowedActions.canTemplatesRead ? '/mail-merge/templates' : null);
  // « Voir les mails de cet envoi » from a grouped send: ?batch=<documentId>.
  const [searchParams] = useSearchParams();
  const [filters, setFilters] = useState<MessageFilters>(() => (searchParams.get('batch') ? { batch: searchParams.get('batch')! } : {}));
  const [pageNumber, setPageNumber] = useState(1);
  const [result, setResult] = useState<{ data: MessageSummary[]; pagination: Pagination } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const title = t('messages.title', 'Suivi des mails');

  useEffect(() => {
    let cancelled = false;
    api
      .list(filters, pageNumber, PAGE_SIZE)
      .then((r) => !cancelled && (setResult({ data: r.data, pagination: r.meta.pagination }), setError(null)))
      .catch((e) => !cancelled && setError(errorMessage(e)));
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, filters, pageNumber, tick]);

  const setFilter = (key: keyof MessageFilters, value: string | undefined) => {
    setPageNumber(1);
    setFilters((previous) => ({ ...previous, [key]: value || undefined }));
  };
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
          <Button variant="secondary" startIcon={<ArrowClockwise />} onClick={() => setTick((n) => n + 1)}>
            {t('messages.refresh', 'Actualiser')}
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Panel title={t('messages.filters', 'Filtres')}>
            {filters.batch && (
              <Flex gap={2} alignItems="center">
                <Typography textColor="neutral600">{t('messages.batch', 'Mails d’un envoi groupé')}</Typography>
                <Button variant="tertiary" size="S" onClick={() => setFilter('batch', undefined)}>
                  {t('messages.batch.clear', 'Voir tous les mails')}
                </Button>
              </Flex>
            )}
            <Grid.Root gap={4}>
              <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
                <Field.Root name="status">
                  <Field.Label>{t('messages.status', 'Statut')}</Field.Label>
                  <SingleSelect value={filters.status ?? ''} onChange={(v: string | number) => setFilter('status', String(v))} onClear={() => setFilter('status', undefined)} placeholder={t('messages.all', 'Tous')}>
                    {STATUSES.map(([value, id, label]) => (
                      <SingleSelectOption key={value} value={value}>
                        {t(id, label)}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
                <Field.Root name="page">
                  <Field.Label>{t('messages.page', 'Page')}</Field.Label>
                  <SingleSelect value={filters.page ?? ''} onChange={(v: string | number) => setFilter('page', String(v))} onClear={() => setFilter('page', undefined)} placeholder={t('messages.all', 'Tous')}>
                    {pages.map((p) => (
                      <SingleSelectOption key={p.key} value={p.key}>
                        {`${p.module} › ${p.page}`}
                      </SingleSelectOption>
                    ))}
                  </SingleSelect>
                </Field.Root>
              </Grid.Item>
              {templateOptions.length > 0 && (
                <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
                  <Field.Root name="template">
                    <Field.Label>{t('messages.template', 'Modèle')}</Field.Label>
                    <SingleSelect value={filters.template ?? ''} onChange={(v: string | number) => setFilter('template', String(v))} onClear={() => setFilter('template', undefined)} placeholder={t('messages.all', 'Tous')}>
                      {templateOptions.map((tpl) => (
                        <SingleSelectOption key={tpl.documentId} value={tpl.documentId}>
                          {tpl.title}
                        </SingleSelectOption>
                      ))}
                    </SingleSelect>
                  </Field.Root>
                </Grid.Item>
              )}
              <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
                <Field.Root name="recipient">
                  <Field.Label>{t('messages.recipient', 'Destinataire')}</Field.Label>
                  <TextInput value={filters.recipient ?? ''} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setFilter('recipient', e.target.value)} />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
                <Field.Root name="from">
                  <Field.Label>{t('messages.fromDate', 'Du')}</Field.Label>
                  <TextInput type="date" value={filters.from ?? ''} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setFilter('from', e.target.value)} />
                </Field.Root>
              </Grid.Item>
              <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
                <Field.Root name="until">
                  <Field.Label>{t('messages.untilDate', 'Au')}</Field.Label>
                  <TextInput
                    type="date"
                    value={filters.until ? filters.until.slice(0, 10) : ''}
                    onChange={(e: React.ChangeEvent<HTMLInputElement>) => setFilter('until', e.target.value ? `${e.target.value}T23:59:59.999Z` : undefined)}
                  />
                </Field.Root>
              </Grid.Item>
            </Grid.Root>
          </Panel>
          {error && (
            <Alert variant="danger" closeLabel={t('action.close', 'Fermer')} title={t('messages.error', 'Erreur')}>
              {error}
            </Alert>
          )}
          {!result && !error && <Page.Loading />}
          {result && result.data.length === 0 && <EmptyStateLayout content={t('messages.empty', 'Aucun mail ne correspond.')} />}
          {result && result.data.length > 0 && (
            <WrappingTable>
              <Table colCount={6} rowCount={result.data.length + 1}>
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
                  {result.data.map((m) => (
                    <Tr key={m.documentId} onClick={() => setOpen(m.documentId)} style={{ cursor: 'pointer' }} data-message={m.documentId}>
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
          )}
          {result && result.pagination.pageCount > 1 && (
            <Flex justifyContent="flex-end" gap={3} alignItems="center">
              <Button variant="tertiary" disabled={pageNumber <= 1} onClick={() => setPageNumber((n) => n - 1)}>
                {t('messages.previous', 'Précédent')}
              </Button>
              <Typography textColor="neutral600">
                {t('messages.pageOf', 'Page {page} sur {count}', { page: result.pagination.page, count: result.pagination.pageCount })}
              </Typography>
              <Button variant="tertiary" disabled={pageNumber >= result.pagination.pageCount} onClick={() => setPageNumber((n) => n + 1)}>
                {t('messages.next', 'Suivant')}
              </Button>
            </Flex>
          )}
        </Flex>
        {open && <MessageModal id={open} onClose={() => setOpen(null)} onResent={() => setTick((n) => n + 1)} mayResend={Boolean(allowedActions.canSendSingle)} />}
      </Layouts.Content>
    </Page.Main>
  );
};
