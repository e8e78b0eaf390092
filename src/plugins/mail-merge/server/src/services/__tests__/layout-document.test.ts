import { describe, expect, it } from 'vitest';
import { buildShell, composeDocument, fillShell, type LayoutParts } from '../layout-document';
import { htmlToText } from '../render';

const LAYOUT: LayoutParts = {
  name: 'Mise en page de la mutuelle',
  headerTitle: 'Mutuelle des Lilas',
  logoUrl: 'https://cdn.example.test/uploads/logo.png',
  footerAddress: '12 rue des Lilas\n75011 Paris',
  footerLegal: 'Mutuelle régie par le livre II du Code de la mutualité — <a href="https://example.test/mentions">mentions légales</a>',
  footerGdpr: 'Vos coordonnées sont utilisées par votre mutuelle pour la gestion de votre contrat.',
  primaryColor: '#1F4E79',
  textColor: '#222222',
  backgroundColor: '#f3f5f8',
};

const BODY = '<p>Madame,</p><p>Merci de nous transmettre votre <strong>attestation</strong>.</p>';
const SIGNATURE = '<p>Claire Gestionnaire<br>Service adhésions</p>';

describe('the mail as it leaves: letterhead, inlined CSS, text part', () => {
  it('is a complete French HTML document, its styles inlined on the letterhead', () => {
    const { html } = composeDocument(LAYOUT, BODY, SIGNATURE, htmlToText);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="fr">');
    expect(html).toMatch(/<meta charset="utf-8">/);
    // Only what cannot be inlined stays in the style sheet (the media query for phones).
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(style).toContain('@media');
    expect(style).not.toMatch(/\.mm-content\s*\{[^}]*font-family/);
    expect(html).toMatch(/<td class="mm-header" style="[^"]*border-bottom: 4px solid #1f4e79/);
    expect(html).toMatch(/<td class="mm-content" style="[^"]*font-family: Arial[^"]*color: #222222/);
    expect(html).toMatch(/<body style="[^"]*background-color: #f3f5f8/);
    // Body and signature inside the content cell, in this order, the footer after.
    const content = html.indexOf('class="mm-content"');
    expect(content).toBeLessThan(html.indexOf('Merci de nous transmettre'));
    expect(html.indexOf('Merci de nous transmettre')).toBeLessThan(html.indexOf('Claire Gestionnaire'));
    expect(html.indexOf('Claire Gestionnaire')).toBeLessThan(html.indexOf('Vos coordonnées sont utilisées'));
    expect(html).toContain('12 rue des Lilas<br>75011 Paris');
  });

  it('is readable without images: the logo has the name as alternative text, and the name is written', () => {
    const { html, text } = composeDocument(LAYOUT, BODY, null, htmlToText);
    expect(html).toMatch(/<img class="mail-merge-logo mm-logo" src="https:\/\/cdn\.example\.test\/uploads\/logo\.png" alt="Mutuelle des Lilas"/);
    expect(html).toContain('<p class="mm-title" style="');
    expect(html).toContain('>Mutuelle des Lilas</p>');
    expect(text).not.toContain('logo.png');
    expect(text.startsWith('Mutuelle des Lilas')).toBe(true);
  });

  it('writes the text part of the whole document: header, body, signature, footer', () => {
    const { text } = composeDocument(LAYOUT, BODY, SIGNATURE, htmlToText);
    const order = ['Mutuelle des Lilas', 'Madame,', 'Merci de nous transmettre votre attestation.', 'Claire Gestionnaire', '12 rue des Lilas', 'mentions légales', 'Vos coordonnées'];
    const positions = order.map((part) => text.indexOf(part));
    expect(positions.every((at) => at >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).toContain('[https://example.test/mentions]');
    expect(text).not.toMatch(/<|MAILMERGEBODYSLOT/);
  });

  it('gives the same mail from a cached shell as from a full composition', () => {
    const shell = buildShell(LAYOUT, SIGNATURE, htmlToText);
    const body = composeDocument(LAYOUT, BODY, SIGNATURE, htmlToText);
    expect(fillShell(shell, BODY, htmlToText)).toEqual(body);
    // The body's own text, as the render service gives it, is used as it is.
    expect(fillShell(shell, BODY, htmlToText, htmlToText(BODY))).toEqual(body);
    // Another body in the same shell: only the body changes.
    const other = fillShell(shell, '<p>Autre</p>', htmlToText);
    expect(other.html.replace('<p>Autre</p>', BODY)).toBe(body.html);
  });

  it('sanitises every piece a person wrote, and keeps bad colours out of the style sheet', () => {
    const hostile: LayoutParts = {
      name: 'x',
      headerTitle: '<script>alert(1)</script>Mutuelle',
      logoUrl: 'javascript:alert(1)',
      footerAddress: '<img src=x onerror=alert(1)>Adresse',
      footerLegal: '<a href="javascript:alert(1)">lien</a>',
      footerGdpr: '<style>body{display:none}</style>RGPD',
      primaryColor: 'red;}</style><script>alert(1)</script>',
      textColor: 'expression(alert(1))',
      backgroundColor: '#12345',
    };
    const { html } = composeDocument(hostile, '<p onclick="x()">Corps</p><script>bad()</script>', '<iframe src="https://evil.test"></iframe>Sig', htmlToText);
    expect(html).not.toMatch(/<script|onerror|onclick|javascript:|<iframe|expression\(|display:none/i);
    // Written as text, not read as HTML.
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;Mutuelle');
    expect(html).not.toContain('mail-merge-logo');
    // The defaults stand in for colours that are not #rrggbb.
    expect(html).toContain('#1f4e79');
    expect(html).toContain('#222222');
    expect(html).not.toContain('#12345;');
    expect((html.match(/<\/style>/g) ?? []).length).toBe(1);
  });

  it('« sans mise en page »: a bare document, no letterhead', () => {
    const { html, text } = composeDocument(null, BODY, SIGNATURE, htmlToText);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="fr">');
    expect(html).not.toContain('mm-header');
    expect(html).toContain('<div class="mail-merge-signature"><p>Claire Gestionnaire<br>Service adhésions</p></div>');
    expect(text).toBe('Madame,\n\nMerci de nous transmettre votre attestation.\n\nClaire Gestionnaire\nService adhésions');
  });

  it('places a body containing the slot word or </td> without changing the shell', () => {
    const shell = buildShell(LAYOUT, null, htmlToText);
    const { html } = fillShell(shell, '<p>MAILMERGEBODYSLOT</p>', htmlToText);
    expect(html.startsWith(shell.before)).toBe(true);
    expect(html.endsWith(shell.after)).toBe(true);
  });
});
