import { Box } from '@strapi/design-system';
import { styled } from 'styled-components';

/**
 * Around a design-system Table: text wraps (the design system keeps cells on one line) and, with
 * `$fixed`, columns keep their widths from one table to the next.
 */
export const WrappingTable = styled(Box)<{ $fixed?: boolean }>`
  table {
    table-layout: ${({ $fixed }) => ($fixed ? 'fixed' : 'auto')};
    white-space: normal;
  }
  td {
    padding-top: ${({ theme }) => theme.spaces[3]};
    padding-bottom: ${({ theme }) => theme.spaces[3]};
    height: auto;
  }
`;
