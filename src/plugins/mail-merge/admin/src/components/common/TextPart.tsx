import { styled } from 'styled-components';

/** The text part of a mail, as it leaves: monospaced, wrapped, scrolled past its height. */
export const TextPart = styled.pre<{ $maxHeight?: string; $fontSize?: string }>`
  margin: 0;
  padding: 1.2rem 1.6rem;
  max-height: ${({ $maxHeight }) => $maxHeight ?? '24rem'};
  overflow: auto;
  white-space: pre-wrap;
  font-family: 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace;
  font-size: ${({ $fontSize }) => $fontSize ?? '1.3rem'};
  line-height: 1.5;
  color: ${({ theme }) => theme.colors.neutral800};
  background: ${({ theme }) => theme.colors.neutral100};
  border-radius: ${({ theme }) => theme.borderRadius};
`;
