import { useState } from 'react';
import { Box, Field, Flex, IconButton, TextInput, Typography } from '@strapi/design-system';
import { Cross, Plus } from '@strapi/icons';
import { useT } from '../../utils/useT';

type Props = {
  label: string;
  name: string;
  values: string[];
  onChange: (values: string[]) => void;
  pending: string;
  onPendingChange: (value: string) => void;
  suggestions?: { label: string; address: string }[];
  disabled?: boolean;
};

// The server's rules (server/src/utils/addresses.ts), so that « + » refuses what sending would.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const SEPARATORS = /[;,]/;
const EMAIL = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\.]+(\.[^\s@<>(),;:"[\]\\.]+)+$/;

/** A list of addresses: the green + validates the typed address, the red × removes one. */
export const AddressList = ({ label, name, values, onChange, pending, onPendingChange, suggestions = [], disabled }: Props) => {
  const t = useT();
  const [inputId] = useState(() => `mm-address-${name}-${Math.random().toString(36).slice(2, 8)}`);
  const [problem, setProblem] = useState<string | null>(null);
  const reasonOf = (value: string) => {
    if (CONTROL_CHARACTERS.test(value)) return t('send.address.invalid.control', 'Saut de ligne ou caractère de contrôle interdit.');
    if (SEPARATORS.test(value)) return t('send.address.invalid.several', 'Une seule adresse à la fois : validez chacune avec « + ».');
    if (!EMAIL.test(value)) return t('send.address.invalid', '« {address} » n’est pas une adresse électronique valide.', { address: value });
    return null;
  };
  const add = (address: string) => {
    const value = address.replace(/^[ \t]+|[ \t]+$/g, '');
    if (!value) return;
    const reason = reasonOf(value);
    // Refused here, with the reason under the field, rather than at « Envoyer » for the whole mail.
    setProblem(reason);
    if (reason) return;
    if (!values.includes(value)) onChange([...values, value]);
    onPendingChange('');
  };
  const offered = suggestions.filter((s) => s.address && !values.includes(s.address));

  return (
    <Flex direction="column" alignItems="stretch" gap={2} role="group" aria-label={label} data-address-list={name}>
      <Field.Root name={name} id={inputId} error={problem ?? undefined}>
        <Field.Label>{label}</Field.Label>
        <Flex gap={2} alignItems="center">
          <Box flex={1}>
            <TextInput
              type="email"
              value={pending}
              disabled={disabled}
              placeholder={t('send.address.placeholder', 'adresse@exemple.fr')}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) => {
                setProblem(null);
                onPendingChange(e.target.value);
              }}
              onKeyDown={(e: React.KeyboardEvent<HTMLInputElement>) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  add(pending);
                }
              }}
            />
          </Box>
          <IconButton
            label={t('send.address.add', 'Ajouter à « {list} »', { list: label })}
            onClick={() => add(pending)}
            disabled={disabled || !pending.trim()}
            variant="success-light"
          >
            <Plus />
          </IconButton>
        </Flex>
        <Field.Error />
      </Field.Root>
      {values.length > 0 && (
        <Flex tag="ul" direction="column" alignItems="stretch" gap={1}>
          {values.map((address) => (
            <Flex tag="li" key={address} gap={2} alignItems="center" justifyContent="space-between" background="neutral100" hasRadius paddingLeft={3} paddingRight={1} paddingTop={1} paddingBottom={1}>
              <Typography textColor="neutral800">{address}</Typography>
              <IconButton
                label={t('send.address.remove', 'Retirer {address}', { address })}
                onClick={() => onChange(values.filter((v) => v !== address))}
                disabled={disabled}
                variant="danger-light"
                size="S"
              >
                <Cross />
              </IconButton>
            </Flex>
          ))}
        </Flex>
      )}
      {offered.length > 0 && (
        <Flex gap={2} wrap="wrap">
          {offered.map((s) => (
            <Typography key={s.address} variant="pi" textColor="primary600">
              <button
                type="button"
                style={{ background: 'none', border: 0, padding: 0, cursor: 'pointer', color: 'inherit', textDecoration: 'underline' }}
                onClick={() => add(s.address)}
                disabled={disabled}
              >
                {t('send.address.suggest', '+ {label} ({address})', { label: s.label, address: s.address })}
              </button>
            </Typography>
          ))}
        </Flex>
      )}
    </Flex>
  );
};
