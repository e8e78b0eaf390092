import { Box, Field, Flex, TextInput } from '@strapi/design-system';
import { styled } from 'styled-components';

const Swatch = styled.input`
  width: 4rem;
  height: 4rem;
  padding: 0.2rem;
  border: 1px solid ${({ theme }) => theme.colors.neutral200};
  border-radius: ${({ theme }) => theme.borderRadius};
  background: ${({ theme }) => theme.colors.neutral0};
  cursor: pointer;
`;

const COLOR = /^#[0-9a-f]{6}$/i;

type Props = { name: string; label: string; value: string; onChange: (value: string) => void; error?: string; disabled?: boolean };

/** A `#rrggbb` colour: typed, or picked with the browser's colour chooser. */
export const ColorField = ({ name, label, value, onChange, error, disabled }: Props) => (
  <Field.Root name={name} error={error} hint="#rrggbb">
    <Field.Label>{label}</Field.Label>
    <Flex gap={2} alignItems="center">
      <Swatch
        type="color"
        aria-label={label}
        value={COLOR.test(value) ? value : '#000000'}
        disabled={disabled}
        onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange(e.target.value)}
      />
      <Box flex="1">
        <TextInput value={value} disabled={disabled} onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange(e.target.value.trim())} />
      </Box>
    </Flex>
    <Field.Hint />
    <Field.Error />
  </Field.Root>
);
