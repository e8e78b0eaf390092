import { describe, expect, it } from 'vitest';
import { fieldsOf, templateFields, toHandlebars, unknownFields } from '../merge-fields';

describe('merge fields: ${field} as in MutualIT, Handlebars blocks, nothing that could escape', () => {
  it('turns ${field} into a Handlebars expression, spaces inside the braces allowed', () => {
    expect(toHandlebars('Bonjour ${prenom_benef} ${ nom_benef }')).toBe('Bonjour {{prenom_benef}} {{nom_benef}}');
    // Not a field name: left as written.
    expect(toHandlebars('Prix : ${12} €')).toBe('Prix : ${12} €');
  });

  it('finds the fields of a text, helpers excluded, block arguments included', () => {
    expect(fieldsOf('Adhésion ${num_adhesion} {{#if dtpec}}le ${dtpec}{{/if}} {{lookup civilites code}}', 'le sujet').sort()).toEqual(
      ['civilites', 'code', 'dtpec', 'num_adhesion'].sort()
    );
    expect(fieldsOf('Aucun champ', 'le sujet')).toEqual([]);
  });

  it('says where each field is used, and which the extraction does not provide', () => {
    const texts = { recipient: '${mail_benef}', subject: 'Adhésion ${num_adhesion}', body: '<p>${lib_civile_benef}, ${num_adhesion}</p>' };
    const used = templateFields(texts);
    expect([...used.get('num_adhesion')!].sort()).toEqual(['body', 'subject']);
    expect([...used.get('mail_benef')!]).toEqual(['recipient']);
    expect(unknownFields(texts, ['mail_benef', 'num_adhesion'])).toEqual(['lib_civile_benef']);
  });

  it('refuses unescaped values, partials, unknown helpers and wrong arities, naming where', () => {
    const refused: [string, RegExp][] = [
      ['{{{corps}}}', /Syntaxe invalide dans le corps : \{\{\{…\}\}\} \(valeur non échappée\) est interdit/],
      ['{{> entete}}', /gabarits partiels/],
      ['{{#each}}x{{/each}}', /attend 1 argument/],
      ['{{log mail_benef}}', /n’est pas reconnu/],
      ['{{#if a}}non fermé', /Syntaxe invalide dans le corps/],
    ];
    for (const [text, message] of refused) expect(() => fieldsOf(text, 'le corps'), text).toThrow(message);
  });
});
