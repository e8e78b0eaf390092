import { describe, expect, it } from 'vitest';
import { recipientEntries } from '../merge-fields';

describe('entries of a recipient field, split before values are merged', () => {
  it('splits on ; and , written in the template', () => {
    expect(recipientEntries('${email}; compta@mutuelle.fr, ${autre}')).toEqual(['${email}', 'compta@mutuelle.fr', '${autre}']);
    expect(recipientEntries('  ')).toEqual([]);
  });

  it('does not split inside a merge field, an expression or a block', () => {
    expect(recipientEntries('{{lookup a "x,y"}}')).toEqual(['{{lookup a "x,y"}}']);
    expect(recipientEntries('{{#if a}}${a}, ${b}{{else}}${c}{{/if}}; d@x.fr')).toEqual(['{{#if a}}${a}, ${b}{{else}}${c}{{/if}}', 'd@x.fr']);
  });
});
