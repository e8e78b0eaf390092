import type { ReactNode } from 'react';
import { Box, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { styled } from 'styled-components';
import type { ModuleGroup } from '../../utils/groupByPage';
import { useT } from '../../utils/useT';
import { WrappingTable } from './WrappingTable';

export type RecapColumn = { key: string; label: string; width?: string };

type Props<T> = {
  groups: ModuleGroup<T>[];
  columns: RecapColumn[];
  rowKey: (item: T) => string;
  renderCells: (item: T) => ReactNode[];
  onRowClick?: (item: T) => void;
};

const FirstOfGroup = styled(Tr)<{ $first: boolean }>`
  td {
    border-top: ${({ $first, theme }) => ($first ? `1px solid ${theme.colors.neutral150}` : 'none')};
  }
`;

/** The header row of a recap's table: the `leading` cell (the page's, in a grouped recap), then the columns. */
export const RecapHead = ({ columns, leading }: { columns: RecapColumn[]; leading?: ReactNode }) => (
  <Thead>
    <Tr>
      {leading}
      {columns.map((column) => (
        <Th key={column.key} width={column.width}>
          <Typography variant="sigma">{column.label}</Typography>
        </Th>
      ))}
    </Tr>
  </Thead>
);

/**
 * A recap grouped by module (one card each) then page (one block of rows each, the page named on
 * its first row), as MutualIT's « Récapitulatif » screens.
 */
export const GroupedRecap = <T,>({ groups, columns, rowKey, renderCells, onRowClick }: Props<T>) => {
  const t = useT();
  return (
    <Flex direction="column" alignItems="stretch" gap={6}>
      {groups.map((group) => (
        <WrappingTable key={group.module} $fixed tag="section" aria-label={group.module}>
          <Box paddingBottom={3}>
            <Typography variant="delta" tag="h2">
              {group.module}
            </Typography>
          </Box>
          <Table colCount={columns.length + 1} rowCount={group.pages.reduce((n, p) => n + p.items.length, 0) + 1}>
            <RecapHead
              columns={columns}
              leading={
                <Th width="22%">
                  <Typography variant="sigma">{t('recap.page', 'Page')}</Typography>
                </Th>
              }
            />
            <Tbody>
              {group.pages.flatMap(({ page, items }) =>
                items.map((item, index) => (
                  <FirstOfGroup
                    key={`${page.key}-${rowKey(item)}`}
                    $first={index === 0}
                    data-page-key={page.key}
                    onClick={onRowClick ? () => onRowClick(item) : undefined}
                    style={onRowClick ? { cursor: 'pointer' } : undefined}
                  >
                    <Td>
                      {index === 0 && (
                        <Typography fontWeight="semiBold" textColor="neutral800">
                          {page.page}
                        </Typography>
                      )}
                    </Td>
                    {renderCells(item).map((cell, i) => (
                      <Td key={columns[i]?.key ?? i}>{cell}</Td>
                    ))}
                  </FirstOfGroup>
                ))
              )}
            </Tbody>
          </Table>
        </WrappingTable>
      ))}
    </Flex>
  );
};
