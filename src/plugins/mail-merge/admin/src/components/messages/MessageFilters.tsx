import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
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
  [MESSAGE_STATUS.bounced]: 'non distribué',
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

/** One filter of the grid: its label over its input. */
const Filter = ({ name, label, children }: { name: keyof Filters; label: string; children: ReactNode }) => (
  <Grid.Item col={3} s={6} xs={12} direction="column" alignItems="stretch">
    <Field.Root name={name}>
      <Field.Label>{label}</Field.Label>
      {children}
    </Field.Root>
  </Grid.Item>
);

type Choice = { value: string; label: string };

/** A filter on one value among `choices`; cleared, « Tous ». */
const SelectFilter = ({ name, label, choices, filters, setFilter }: { name: keyof Filters; label: string; choices: Choice[] } & Pick<Props, 'filters' | 'setFilter'>) => {
  const t = useT();
  return (
    <Filter name={name} label={label}>
      <SingleSelect value={filters[name] ?? ''} onChange={(v: string | number) => setFilter(name, String(v))} onClear={() => setFilter(name, undefined)} placeholder={t('messages.all', 'Tous')}>
        {choices.map((choice) => (
          <SingleSelectOption key={choice.value} value={choice.value}>
            {choice.label}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    </Filter>
  );
};

/** « Du » / « Au »: a day (`value` and `onChange` in the input's yyyy-mm-dd, empty when none). */
const DateFilter = ({ name, label, value, onChange }: { name: keyof Filters; label: string; value: string; onChange: (day: string) => void }) => (
  <Filter name={name} label={label}>
    <TextInput type="date" value={value} onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange(e.target.value)} />
  </Filter>
);

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
  const selects = { filters, setFilter };
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
        <SelectFilter
          {...selects}
          name="status"
          label={t('messages.status', 'Statut')}
          choices={MESSAGE_STATUSES.map((value) => ({ value, label: t(`status.${value}`, STATUS_LABELS[value]) }))}
        />
        <SelectFilter {...selects} name="page" label={t('messages.page', 'Page')} choices={pages.map((p) => ({ value: p.key, label: `${p.module} › ${p.page}` }))} />
        {templates.length > 0 && (
          <SelectFilter
            {...selects}
            name="template"
            label={t('messages.template', 'Modèle')}
            choices={templates.map((tpl) => ({ value: tpl.documentId, label: tpl.title }))}
          />
        )}
        <Filter name="recipient" label={t('messages.recipient', 'Destinataire')}>
          <DebouncedTextInput value={filters.recipient ?? ''} onChange={setRecipient} />
        </Filter>
        <DateFilter name="from" label={t('messages.fromDate', 'Du')} value={filters.from ?? ''} onChange={(day) => setFilter('from', day)} />
        {/* The last instant of the day, so that « Au » includes it. */}
        <DateFilter
          name="until"
          label={t('messages.untilDate', 'Au')}
          value={filters.until ? filters.until.slice(0, 10) : ''}
          onChange={(day) => setFilter('until', day ? `${day}T23:59:59.999Z` : undefined)}
        />
      </Grid.Root>
    </Panel>
  );
};
