import { describe, expect, it } from 'vitest';
import { toCsv } from '../csv';

describe('the report’s CSV', () => {
  it('separates cells with « ; » and lines with CRLF', () => {
    expect(toCsv([['fiche', 'statut'], ['abc', 'sent']])).toBe('fiche;statut\r\nabc;sent\r\n');
  });

  it('quotes a cell holding a separator, a quote or a line break', () => {
    expect(toCsv([['a; b', 'dit "non"', 'ligne 1\nligne 2']])).toBe('"a; b";"dit ""non""";"ligne 1\nligne 2"\r\n');
  });

  it('never lets a spreadsheet read a cell as a formula', () => {
    expect(toCsv([['=HYPERLINK("http://x.test")', '+33 1', '-1', '@SUM(A1)']])).toBe(`"'=HYPERLINK(""http://x.test"")";'+33 1;'-1;'@SUM(A1)\r\n`);
  });

  it('writes empty cells for missing values and keeps accents', () => {
    expect(toCsv([[null, undefined, 'réponse']])).toBe(';;réponse\r\n');
  });
});
