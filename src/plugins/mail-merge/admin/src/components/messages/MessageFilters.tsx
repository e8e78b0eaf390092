import { Button, Field, Flex, Grid, SingleSelect, SingleSelectOption, TextInput, Typography } from '@strapi/design-system';
import type { Page } from '../../services/pages';
import type { MessageFilters as Filters } from '../../services/sending';
import type { Template } from '../../services/types';
import { useT } from '../../utils/useT';
import { Panel } from '../common/Panel';

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
  );
};
