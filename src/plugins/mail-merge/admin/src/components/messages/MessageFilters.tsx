import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Field, Flex, Grid, SingleSelect, SingleSelectOption, TextInput, Typography } from '@strapi/design-system';
import { useDebounce } from '@strapi/strapi/admin';
import { MESSAGE_STATUS, MESSAGE_STATUSES, type MessageStatus } from '../../constants';
import type { MessageFilters as Filters } from '../../services/messages';
import type { Page } from '../../services/pages';
import type { Template } from '../../services/types';
import { useT } from '../../utils/useT';
import { Panel } from '../common/Panel';

/** The statuses offered, in the ledger's order, with their label. */
const STATUS_LABELS: Record<MessageStatus, string> = {
  [MESSAGE_STATUS.queued]: 'en file',
  [MESSAGE_STATUS.sending]: 'en cours',
  [MESSAGE_STATUS.sent]: 'envoyé',
  [MESSAGE_STATUS.failed]: 'échec',
  [MESSAGE_STATUS.uncertain]: 'incertain',
  [MESSAGE_STATUS.held]: 'en pause',
  [MESSAGE_STATUS.cancelled]: 'annulé',
  [MESSAGE_STATUS.skipped]: 'non envoyé',
};

const DEBOUNCE_MS = 300;

/** A text filter: typed in locally, written to the filters once it has settled (one request, not one per key). */
const DebouncedTextInput = ({ value, onChange }: { value: string; onChange: (value: string | undefined) => void }) => {
  const [local, setLocal] = useState(value);
  const debounced = useDebounce(local, DEBOUNCE_MS);
  const written = useRef(value);
  useEffect(() => {
    // Changed elsewhere (history, another link): shown as it is.
    if (value !== written.current) {
      written.current = value;
      setLocal(value);
    }
  }, [value]);
  useEffect(() => {
    if (debounced === written.current) return;
    written.current = debounced;
    onChange(debounced || undefined);
  }, [debounced, onChange]);
  return <TextInput value={local} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setLocal(e.target.value)} />;
};

type Props = {
  filters: Filters;
  setFilter: (key: keyof Filters, value: string | undefined) => void;
  pages: Page[];
  /** The templates to filter on; none (no « Consulter les modèles de mail » right): no filter. */
  templates: Template[];
};

/** « Filtres » of « Suivi des mails »: status, page, template, recipient and dates; the grouped send shown. */
export const MessageFilters = ({ filters, setFilter, pages, templates }: Props) => {
  const t = useT();
  const setRecipient = useCallback((value: string | undefined) => setFilter('recipient', value), [setFilter]);
  return (
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
              {MESSAGE_STATUSES.map((value) => (
                <SingleSelectOption key={value} value={value}>
                  {t(`status.${value}`, STATUS_LABELS[value])}
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
        {templates.length > 0 && (
          <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
            <Field.Root name="template">
              <Field.Label>{t('messages.template', 'Modèle')}</Field.Label>
              <SingleSelect value={filters.template ?? ''} onChange={(v: string | number) => setFilter('template', String(v))} onClear={() => setFilter('template', undefined)} placeholder={t('messages.all', 'Tous')}>
                {templates.map((tpl) => (
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
            <DebouncedTextInput value={filters.recipient ?? ''} onChange={setRecipient} />
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
  );
};
