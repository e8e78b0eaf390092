import { styled } from 'styled-components';

/** A merge field name, in monospace, as a small chip. */
export const FieldChip = styled.code<{ $unknown?: boolean }>`
  display: inline-block;
  padding: 0.2rem 0.6rem;
  border-radius: ${({ theme }) => theme.borderRadius};
  font-family: 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace;
  font-size: 1.2rem;
  line-height: 1.8rem;
  color: ${({ theme, $unknown }) => ($unknown ? theme.colors.warning700 : theme.colors.primary700)};
  background: ${({ theme, $unknown }) => ($unknown ? theme.colors.warning100 : theme.colors.primary100)};
  border: 1px solid ${({ theme, $unknown }) => ($unknown ? theme.colors.warning200 : theme.colors.primary200)};
`;
