import { describe, expect, it } from 'vitest';
import { assertTemplateBounds, measureTemplate } from '../template-bounds';

const nested = (depth: number) => '{{#if a}}'.repeat(depth) + 'x' + '{{/if}}'.repeat(depth);

describe('template bounds (measured before Handlebars parses)', () => {
  it('measures blocks inside blocks, else-if chains and sub-expressions', () => {
    expect(measureTemplate('Bonjour ${prenom} {{nom}}')).toEqual({ length: 25, expressions: 2, depth: 0, subExpressionDepth: 0 });
    expect(measureTemplate(nested(3)).depth).toBe(3);
    // Siblings do not add up: two blocks one after the other are depth 1.
    expect(measureTemplate('{{#if a}}x{{/if}}{{#each b}}y{{/each}}').depth).toBe(1);
    // Each {{else if}} nests one level more in Handlebars' tree, closed by the same {{/if}}.
    expect(measureTemplate('{{#if a}}1{{else if b}}2{{else if c}}3{{else}}4{{/if}}').depth).toBe(3);
    expect(measureTemplate('{{#if a}}1{{^}}2{{/if}}').depth).toBe(1);
    expect(measureTemplate('{{~#if a~}}1{{~/if~}}').depth).toBe(1);
    expect(measureTemplate('{{lookup (lookup (lookup a b) c) d}}').subExpressionDepth).toBe(2);
  });

  it('measures 20 000 nested blocks in a few milliseconds (the text that froze the server)', () => {
    const hostile = nested(20_000);
    const started = process.hrtime.bigint();
    expect(measureTemplate(hostile).depth).toBe(20_000);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(200);
  });

  it('refuses, in French, what is too long, too deep or has too many expressions', () => {
    expect(() => assertTemplateBounds(nested(10), 'le corps', 100_000)).not.toThrow();
    expect(() => assertTemplateBounds(nested(11), 'le corps', 100_000)).toThrow(
      'Modèle trop complexe (le corps) : 11 blocs imbriqués ({{#if}}, {{#each}}…) pour 10 au plus.'
    );
    expect(() => assertTemplateBounds('x'.repeat(1001), 'le sujet', 1000)).toThrow('Modèle trop complexe (le sujet) : 1001 caractères pour 1000 au plus.');
    expect(() => assertTemplateBounds('${a} '.repeat(1001), 'le corps', 100_000)).toThrow(
      'Modèle trop complexe (le corps) : 1001 champs et expressions pour 1000 au plus.'
    );
    expect(() => assertTemplateBounds('{{#if a}}' + '{{else if b}}x'.repeat(30) + '{{/if}}', 'le corps', 100_000)).toThrow(/31 blocs imbriqués/);
    expect(() => assertTemplateBounds(`{{lookup ${'('.repeat(6)}lookup a b${')'.repeat(6)} c}}`, 'le corps', 100_000)).toThrow(
      /6 parenthèses imbriquées pour 5 au plus/
    );
    try {
      assertTemplateBounds(nested(50), 'le corps', 100_000);
    } catch (error: any) {
      expect(error.details).toMatchObject({ code: 'template.too-deep', en: 'Template too complex (le corps): 50 nested blocks ({{#if}}, {{#each}}…), at most 10.' });
    }
  });
});
