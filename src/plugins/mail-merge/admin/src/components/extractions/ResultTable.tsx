import { Box, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import type { TestResult } from '../../services/types';

const display = (value: unknown) => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
};

/** The rows returned by « Tester », one column per merge field. */
export const ResultTable = ({ result }: { result: TestResult }) => (
  <Box overflow="auto" maxHeight="44rem">
    <Table colCount={result.columns.length} rowCount={result.rows.length + 1}>
      <Thead>
        <Tr>
          {result.columns.map((column) => (
            <Th key={column}>
              <Typography variant="sigma" textColor="neutral800" style={{ textTransform: 'none', whiteSpace: 'nowrap' }}>
                {column}
              </Typography>
            </Th>
          ))}
        </Tr>
      </Thead>
      <Tbody>
        {result.rows.map((row, index) => (
          <Tr key={index}>
            {result.columns.map((column) => (
              <Td key={column}>
                <Typography textColor={row[column] === null ? 'neutral400' : 'neutral800'} style={{ whiteSpace: 'nowrap' }}>
                  {row[column] === null ? 'null' : display(row[column])}
                </Typography>
              </Td>
            ))}
          </Tr>
        ))}
      </Tbody>
    </Table>
  </Box>
);
