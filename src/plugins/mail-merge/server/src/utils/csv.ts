import { stringify } from 'csv-stringify/sync';

/**
 * CSV rows by csv-stringify, `;`-separated with CRLF as French spreadsheets expect. A cell that a
 * spreadsheet would read as a formula (=, +, -, @, tab, CR) is prefixed with a quote
 * (`escape_formulas`): an address or a provider's answer is data, never code. A cell holding a
 * line break is quoted, so that one recipient stays one line.
 */
export const toCsv = (rows: unknown[][]) =>
  stringify(rows, { delimiter: ';', record_delimiter: '\r\n', escape_formulas: true, quoted_match: /[\r\n]/ });
