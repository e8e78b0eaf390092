/**
 * The mutual's records for sending tests, created through the Document Service as the admin would.
 */
import type { TestApp } from './strapi';

type Level = 'refus' | 'interne' | 'limite' | 'public';

export const createHousehold = async (app: TestApp, emailConsent: Level = 'interne', suffix = `${Date.now()}`) => {
  const docs = app.strapi.documents as any;
  const adhesion = await docs('api::adhesion.adhesion').create({
    data: {
      number: `ADH-${suffix}`,
      startDate: '2024-01-01',
      consent: { postalAddress: 'interne', landline: 'interne', mobile: 'interne', email: emailConsent },
    },
  });
  const insured = await docs('api::beneficiary.beneficiary').create({
    data: {
      civility: 'Mme',
      lastName: 'Durand',
      firstName: 'Élise',
      email: `elise.${suffix}@example.test`,
      birthDate: '1980-05-17',
      role: 'assure',
      adhesion: adhesion.documentId,
    },
  });
  const dependant = await docs('api::beneficiary.beneficiary').create({
    data: {
      civility: 'M',
      lastName: 'Durand',
      firstName: 'Léo',
      email: `leo.${suffix}@example.test`,
      role: 'ayant_droit',
      adhesion: adhesion.documentId,
    },
  });
  return { adhesion, insured, dependant };
};

export const setEmailConsent = (app: TestApp, adhesionId: string, email: Level) =>
  (app.strapi.documents as any)('api::adhesion.adhesion').update({
    documentId: adhesionId,
    data: { consent: { postalAddress: 'interne', landline: 'interne', mobile: 'interne', email } },
  });

export const createProfessional = (app: TestApp, suffix = `${Date.now()}`) =>
  (app.strapi.documents as any)('api::health-professional.health-professional').create({
    data: {
      civility: 'Dr',
      lastName: 'Martin',
      firstName: 'Sophie',
      companyName: 'Cabinet Martin',
      email: `cabinet.${suffix}@example.test`,
      accountingEmail: `compta.${suffix}@example.test`,
    },
  });
