import type { RefObject } from 'react';
import { Field, TextInput, Typography } from '@strapi/design-system';
import { fieldToken } from '../../utils/mergeFields';
import { useT } from '../../utils/useT';

type Props = {
  name: string;
  label: string;
  hint: string;
  value: string;
  onChange: (value: string) => void;
  inputRef: RefObject<HTMLInputElement>;
  onFocus: () => void;
  onSelection: (event: React.SyntheticEvent<HTMLInputElement>) => void;
  unknown: string[];
  required?: boolean;
  error?: string;
  disabled?: boolean;
};

/** Recipient or subject: a text input that takes merge fields, its unknown ones listed below it. */
export const MergeFieldInput = ({ name, label, hint, value, onChange, inputRef, onFocus, onSelection, unknown, required, error, disabled }: Props) => {
  const t = useT();
  return (
    <Field.Root name={name} required={required} error={error} hint={hint}>
      <Field.Label>{label}</Field.Label>
      <TextInput
        ref={inputRef}
        value={value}
        onChange={(event: React.ChangeEvent<HTMLInputElement>) => {
          onChange(event.target.value);
          onSelection(event);
        }}
        onFocus={onFocus}
        onSelect={onSelection}
        disabled={disabled}
        hasError={unknown.length > 0 || Boolean(error)}
      />
      <Field.Error />
      <Field.Hint />
      {unknown.length > 0 && (
        <Typography variant="pi" textColor="warning600">
          {t('unknown.inline', 'Champs inconnus : {fields}', { fields: unknown.map(fieldToken).join(', ') })}
        </Typography>
      )}
    </Field.Root>
  );
};
