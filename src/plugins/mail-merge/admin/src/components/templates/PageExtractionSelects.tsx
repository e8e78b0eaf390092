import { useEffect } from 'react';
import { Field, Flex, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { useLatest } from '../../hooks/useLatest';
import { useExtractions } from '../../services/api';
import type { Page } from '../../services/pages';
import type { Extraction } from '../../services/types';
import { useT } from '../../utils/useT';

type Props = {
  pages: Page[];
  page: string;
  extraction: string;
  onPage: (page: string) => void;
  onExtraction: (extraction: Extraction | null) => void;
  /** The current extraction when the list cannot be read (no « extractions-read » right). */
  fallback?: { documentId: string; title: string } | null;
  disabled?: boolean;
  canReadExtractions: boolean;
  errors?: { page?: string; extraction?: string };
  /** Receives the extractions bound to the chosen page, with their columns. */
  onOptions?: (extractions: Extraction[]) => void;
};

/** « Page * » then « Extraction * » among the extractions bound to that page (GET /extractions?page=). */
export const PageExtractionSelects = ({ pages, page, extraction, onPage, onExtraction, fallback, disabled, canReadExtractions, errors, onOptions }: Props) => {
  const t = useT();
  const { data, isLoading } = useExtractions(page || null, !page || !canReadExtractions);
  const options = data?.data ?? [];

  // Run when the extractions arrive, not when the chosen extraction or the parent's callbacks change.
  const latest = useLatest({ extraction, onExtraction, onOptions });
  useEffect(() => {
    if (!data) return;
    const { extraction, onExtraction, onOptions } = latest.current;
    onOptions?.(data.data);
    // The chosen extraction must be bound to the page: keep it (with its current columns) if it
    // is, else take the only one there is.
    const current = data.data.find((e) => e.documentId === extraction);
    if (current) onExtraction(current);
    else if (extraction || data.data.length === 1) onExtraction(data.data.length === 1 ? data.data[0] : null);
  }, [data, latest]);

  const list = options.length > 0 || !fallback ? options : [fallback as Extraction];

  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Field.Root name="page" required error={errors?.page}>
        <Field.Label>{t('templates.field.page', 'Page')}</Field.Label>
        <SingleSelect
          placeholder={t('templates.page.placeholder', 'Choisissez la page d’utilisation')}
          value={page || null}
          onChange={(next) => onPage(String(next))}
          disabled={disabled}
        >
          {pages.map((p) => (
            <SingleSelectOption key={p.key} value={p.key}>
              {`${p.module} › ${p.page}`}
            </SingleSelectOption>
          ))}
        </SingleSelect>
        <Field.Error />
      </Field.Root>
      <Field.Root
        name="extraction"
        required
        error={errors?.extraction}
        hint={page && !isLoading && canReadExtractions && options.length === 0 ? t('templates.extraction.none', 'Aucune extraction n’est accessible à partir de cette page.') : undefined}
      >
        <Field.Label>{t('templates.field.extraction', 'Extraction')}</Field.Label>
        <SingleSelect
          placeholder={t('templates.extraction.placeholder', 'Choisissez l’extraction')}
          value={extraction || null}
          onChange={(next) => onExtraction(list.find((e) => e.documentId === next) ?? null)}
          disabled={disabled || !page || !canReadExtractions}
          loading={isLoading}
        >
          {list.map((e) => (
            <SingleSelectOption key={e.documentId} value={e.documentId}>
              {e.title}
            </SingleSelectOption>
          ))}
        </SingleSelect>
        <Field.Error />
        <Field.Hint />
      </Field.Root>
    </Flex>
  );
};
