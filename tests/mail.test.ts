import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupStrapi, type TestApp } from './helpers/strapi';

/** Mail leaves through Strapi's email plugin, the nodemailer provider and real SMTP. */
describe('mail over SMTP', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await setupStrapi();
  });

  afterAll(async () => {
    await app?.teardown();
  });

  it('uses the nodemailer provider configured from the environment', () => {
    const settings = app.strapi.plugin('email').service('email').getProviderSettings();
    expect(settings.provider).toBe('nodemailer');
    expect(settings.providerOptions).toMatchObject({ host: '127.0.0.1', port: app.sink.port });
    expect(settings.settings.defaultFrom).toBe('Mutuelle Test <no-reply@mutuelle.example.test>');
  });

  it('delivers a message to the SMTP sink with its subject, body and recipients', async () => {
    app.sink.clear();
    const info = await app.strapi
      .plugin('email')
      .service('email')
      .send({
        to: 'elise.durand@example.test',
        cc: 'conseiller@mutuelle.example.test',
        bcc: 'archive@mutuelle.example.test',
        subject: 'Demande de pièces justificatives — adhésion n° 42',
        text: 'Madame, merci de nous transmettre votre attestation.',
        html: '<p>Madame, merci de nous transmettre votre <strong>attestation</strong>.</p>',
      });
    expect(info.accepted).toHaveLength(3);

    const [mail] = await app.sink.waitFor(1);
    expect(mail.subject).toBe('Demande de pièces justificatives — adhésion n° 42');
    expect(mail.from).toBe('no-reply@mutuelle.example.test');
    expect(mail.to).toEqual(['elise.durand@example.test']);
    expect(mail.cc).toEqual(['conseiller@mutuelle.example.test']);
    // Bcc is never written in the headers, only in the SMTP envelope.
    expect(mail.raw).not.toContain('archive@mutuelle.example.test');
    expect(mail.envelope.to.sort()).toEqual(
      ['archive@mutuelle.example.test', 'conseiller@mutuelle.example.test', 'elise.durand@example.test'].sort()
    );
    expect(mail.text).toContain('merci de nous transmettre votre attestation');
    expect(mail.html).toContain('<strong>attestation</strong>');
  });

  it('reports a refused recipient as an error carrying the SMTP code', async () => {
    const send = app.strapi
      .plugin('email')
      .service('email')
      .send({ to: 'reject-550@example.test', subject: 'Refusé', text: 'Ce message est refusé.' });
    await expect(send).rejects.toMatchObject({ responseCode: 550 });
    const temporary = app.strapi
      .plugin('email')
      .service('email')
      .send({ to: 'reject-451@example.test', subject: 'Plus tard', text: 'Ce message est différé.' });
    await expect(temporary).rejects.toMatchObject({ responseCode: 451 });
  });
});
