import { useEffect, useState } from 'react';
import { Combobox, ComboboxOption, Field } from '@strapi/design-system';
import { useDebounce } from '@strapi/strapi/admin';
import { useSearchRecordsQuery } from '../../services/api';
import type { RecordOption } from '../../services/types';
import { useT } from '../../utils/useT';

type Props = {
  page: string | null;
  value: RecordOption | null;
  onChange: (record: RecordOption | null) => void;
  label?: string;
  hint?: string;
  disabled?: boolean;
};

/** A record of a page, searched on the server by the words of its label (GET /pages/:key/records?search=). */
export const RecordPicker = ({ page, value, onChange, label, hint, disabled }: Props) => {
  const t = useT();
  const [search, setSearch] = useState('');
  const [textValue, setTextValue] = useState(value?.label ?? '');
  const debounced = useDebounce(search, 250);
  // Each search is asked again (records change); the last answer stays shown until the next one.
  const { data, isError, isFetching } = useSearchRecordsQuery(
    { key: page ?? '', search: debounced, limit: 20 },
    { skip: !page, refetchOnMountOrArgChange: true }
  );
  const options: RecordOption[] = !page || isError ? [] : (data?.data ?? []);

  useEffect(() => {
    setTextValue(value?.label ?? '');
  }, [value?.documentId, value?.label]);

  // The chosen record stays an option while other searches are shown.
  const all = value && !options.some((o) => o.documentId === value.documentId) ? [value, ...options] : options;

  return (
    <Field.Root name="record" hint={hint}>
      <Field.Label>{label ?? t('record.label', 'Fiche')}</Field.Label>
      <Combobox
        autocomplete="none"
        disabled={disabled || !page}
        placeholder={t('record.placeholder', 'Rechercher une fiche par son nom…')}
        value={value?.documentId ?? ''}
        textValue={textValue}
        onTextValueChange={setTextValue}
        onInputChange={(event) => setSearch(event.currentTarget.value)}
        onChange={(documentId) => onChange(all.find((o) => o.documentId === documentId) ?? null)}
        onClear={() => {
          setSearch('');
          setTextValue('');
          onChange(null);
        }}
        clearLabel={t('record.clear', 'Effacer')}
        loading={isFetching}
        loadingMessage={t('record.loading', 'Recherche…')}
        noOptionsMessage={() => t('record.none', 'Aucune fiche trouvée')}
      >
        {all.map((record) => (
          <ComboboxOption key={record.documentId} value={record.documentId} textValue={record.label}>
            {record.label}
          </ComboboxOption>
        ))}
      </Combobox>
      <Field.Hint />
    </Field.Root>
  );
};
