/**
 * Deterministic generators of plausible French mutual data, shared by the demo seed (src/seed/demo.ts)
 * and the scale seed (scripts/seed.ts). A seeded PRNG instead of Math.random: the demo data set is
 * the same on every machine, so screenshots, docs and tests can name records.
 * All e-mail addresses are in the reserved `example.test` domain: nothing can ever be delivered.
 */
import type { BulkRow } from './bulk-insert';

// ---------------------------------------------------------------------------------------------
// PRNG (mulberry32: tiny, fast, good enough for test data; not for anything secret)

export type Rng = {
  next: () => number;
  int: (min: number, max: number) => number;
  pick: <T>(items: readonly T[]) => T;
  chance: (probability: number) => boolean;
  weighted: <T>(entries: ReadonlyArray<readonly [T, number]>) => T;
};

export const createRng = (seed: number): Rng => {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (probability) => next() < probability,
    weighted: (entries) => {
      const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
      let roll = next() * total;
      for (const [value, weight] of entries) {
        roll -= weight;
        if (roll < 0) return value;
      }
      return entries[entries.length - 1][0];
    },
  };
};

// ---------------------------------------------------------------------------------------------
// vocabulary

const FIRST_NAMES_F = [
  'Camille', 'Léa', 'Manon', 'Chloé', 'Emma', 'Inès', 'Sarah', 'Julie', 'Anne', 'Claire', 'Nathalie',
  'Isabelle', 'Sophie', 'Céline', 'Aurélie', 'Élodie', 'Marie', 'Hélène', 'Françoise', 'Sylvie',
  'Louise', 'Jeanne', 'Zoé', 'Margaux', 'Agnès', 'Béatrice', 'Noémie', 'Maëlys', 'Océane', 'Brigitte',
] as const;
const FIRST_NAMES_M = [
  'Lucas', 'Hugo', 'Louis', 'Gabriel', 'Arthur', 'Jules', 'Thomas', 'Nicolas', 'Julien', 'Pierre',
  'Philippe', 'Laurent', 'Stéphane', 'Olivier', 'François', 'Jérôme', 'Sébastien', 'Antoine', 'Benoît',
  'Mathieu', 'Rémi', 'Théo', 'Noé', 'Raphaël', 'Étienne', 'Didier', 'Bernard', 'Yannick', 'Loïc', 'Gaël',
] as const;
const LAST_NAMES = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau',
  'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier',
  'Morel', 'Girard', 'André', 'Lefebvre', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez',
  'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Henry', 'Roussel', 'Nicolas',
  'Perrin', 'Morin', 'Mathieu', 'Clément', 'Gauthier', 'Dumont', 'Lopez', 'Fontaine', 'Chevalier', 'Robin',
  'Le Gall', 'Nguyen', 'Benali', 'Da Silva', "N'Diaye", 'Kowalski', 'Lemoine', 'Barbier', 'Brun', 'Colin',
] as const;
export const CITIES = [
  'Lyon', 'Marseille', 'Toulouse', 'Nantes', 'Strasbourg', 'Montpellier', 'Bordeaux', 'Lille', 'Rennes',
  'Reims', 'Saint-Étienne', 'Le Havre', 'Grenoble', 'Dijon', 'Angers', 'Nîmes', 'Clermont-Ferrand',
  'Le Mans', 'Aix-en-Provence', 'Brest', 'Tours', 'Amiens', 'Limoges', 'Annecy', 'Perpignan', 'Besançon',
  'Orléans', 'Rouen', 'Mulhouse', 'Caen', 'Nancy', 'Pau', 'La Rochelle', 'Poitiers', 'Chambéry', 'Valence',
] as const;
const PARENT_STRUCTURE_KINDS = [
  'Groupe hospitalier', 'Communauté de communes', 'Transports régionaux', 'Coopérative agricole',
  'Fédération des artisans', 'Conseil départemental', 'Groupe scolaire', 'Industries mécaniques',
] as const;
const CHILD_STRUCTURE_KINDS = ['Site de', 'Agence de', 'Établissement de', 'Antenne de', 'Atelier de'] as const;
const PRACTICES = [
  ['Cabinet dentaire', 'Dr'], ['Centre optique', 'M'], ['Cabinet de kinésithérapie', 'M'],
  ['Centre d’audioprothèse', 'Mme'], ['Cabinet médical', 'Dr'], ['Clinique', 'Pr'], ['Pharmacie', 'Mme'],
  ['Laboratoire d’analyses', 'Dr'], ['Centre de santé', 'Dr'], ['Cabinet d’orthodontie', 'Dr'],
] as const;
const PLACE_NAMES = ['du Parc', 'des Lilas', 'de la Gare', 'Saint-Michel', 'du Centre', 'des Tilleuls', 'Pasteur', 'du Port'] as const;

export const CARE_LABELS = [
  'Prothèse dentaire', 'Optique', 'Implant dentaire', 'Audioprothèse', 'Orthodontie', 'Hospitalisation',
  'Lentilles de contact', 'Cure thermale', 'Chambre particulière', 'Couronne céramique',
] as const;

// ---------------------------------------------------------------------------------------------
// helpers

/** Fixed reference day: ages and dates do not drift with the day the seed runs. */
export const REFERENCE_DATE = new Date(Date.UTC(2026, 5, 30));
const DAY_MS = 86_400_000;

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** A day `minDaysAgo`..`maxDaysAgo` days before REFERENCE_DATE, as 'YYYY-MM-DD'. */
export const dayInPast = (rng: Rng, minDaysAgo: number, maxDaysAgo: number) =>
  isoDay(new Date(REFERENCE_DATE.getTime() - rng.int(minDaysAgo, maxDaysAgo) * DAY_MS));

export const birthDateForAge = (rng: Rng, minAge: number, maxAge: number) =>
  dayInPast(rng, Math.round(minAge * 365.25), Math.round(maxAge * 365.25 + 364));

export const slug = (text: string, separator = '.') =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, separator)
    .replace(new RegExp(`^\\${separator}+|\\${separator}+$`, 'g'), '');

export const testEmail = (localPart: string) => `${slug(localPart)}@example.test`;

export const amount = (rng: Rng, min: number, max: number) => Math.round((min + rng.next() * (max - min)) * 100) / 100;

export const phone = (rng: Rng, mobile = false) => {
  const digits = [0, mobile ? rng.pick([6, 7]) : rng.int(1, 5)];
  for (let i = 0; i < 8; i += 1) digits.push(rng.int(0, 9));
  return digits.join('').replace(/(\d{2})(?=\d)/g, '$1 ');
};

export const rpps = (rng: Rng) => `10${String(rng.int(0, 999_999_999)).padStart(9, '0')}`;

// ---------------------------------------------------------------------------------------------
// records (rows for bulkInsert, keyed by attribute name)

type Level = 'refus' | 'interne' | 'limite' | 'public';
// Mostly internal / limited use, some public, a minority refusing (about 8 % for e-mail, which is
// what the mail-merge consent checks are exercised on).
const CONSENT_WEIGHTS: ReadonlyArray<readonly [Level, number]> = [['interne', 45], ['limite', 35], ['public', 12], ['refus', 8]];

export const consent = (rng: Rng) => ({
  postalAddress: rng.weighted(CONSENT_WEIGHTS),
  landline: rng.weighted(CONSENT_WEIGHTS),
  mobile: rng.weighted(CONSENT_WEIGHTS),
  email: rng.weighted(CONSENT_WEIGHTS),
});

export const parentStructure = (rng: Rng, index: number): BulkRow => {
  const name = `${PARENT_STRUCTURE_KINDS[index % PARENT_STRUCTURE_KINDS.length]} ${rng.pick(CITIES)}`;
  return { name, email: testEmail(`contact.${slug(name, '-')}`), phone: phone(rng), fax: rng.chance(0.5) ? phone(rng) : null };
};

export const childStructure = (rng: Rng, parentName: string, parentId: number, index: number): BulkRow => {
  const name = `${parentName} — ${CHILD_STRUCTURE_KINDS[index % CHILD_STRUCTURE_KINDS.length]} ${rng.pick(CITIES)}`;
  return {
    name,
    email: testEmail(`rh.${slug(name, '-')}.${index + 1}`),
    phone: phone(rng),
    fax: null,
    parent: parentId,
  };
};

export const healthProfessional = (rng: Rng, index: number): BulkRow => {
  const [practice, civility] = rng.pick(PRACTICES);
  const female = civility === 'Mme' || rng.chance(0.5);
  const firstName = rng.pick(female ? FIRST_NAMES_F : FIRST_NAMES_M);
  const lastName = rng.pick(LAST_NAMES);
  const companyName = `${practice} ${rng.pick(PLACE_NAMES)}`;
  return {
    civility: civility === 'M' && female ? 'Mme' : civility,
    firstName,
    lastName,
    companyName,
    email: testEmail(`${firstName}.${lastName}.${index + 1}`),
    // About half of the practices have a separate accounting address (a second recipient).
    accountingEmail: index % 2 === 0 ? testEmail(`compta.${slug(companyName, '-')}.${index + 1}`) : null,
    phone: phone(rng),
    rpps: rpps(rng),
  };
};

export const adhesion = (rng: Rng, number: string, structureId: number | null): BulkRow => ({
  number,
  startDate: dayInPast(rng, 30, 365 * 15),
  structure: structureId,
  consent: consent(rng),
});

/** 1–4 people: the insured (assure) first, then spouse and/or children (ayants droit). */
export const household = (rng: Rng, adhesionId: number, key: number): BulkRow[] => {
  const size = rng.weighted([[1, 40], [2, 25], [3, 20], [4, 15]] as const);
  const lastName = rng.pick(LAST_NAMES);
  const insuredIsWoman = rng.chance(0.5);
  const people: BulkRow[] = [];
  const person = (woman: boolean, minAge: number, maxAge: number, role: 'assure' | 'ayant_droit', withEmail: boolean) => {
    const firstName = rng.pick(woman ? FIRST_NAMES_F : FIRST_NAMES_M);
    people.push({
      civility: woman ? 'Mme' : 'M',
      lastName,
      firstName,
      birthDate: birthDateForAge(rng, minAge, maxAge),
      email: withEmail ? testEmail(`${firstName}.${lastName}.${key}.${people.length + 1}`) : null,
      role,
      adhesion: adhesionId,
    });
  };
  // A few insured have no e-mail address (the mail-merge « no recipient » case).
  person(insuredIsWoman, 22, 80, 'assure', rng.chance(0.95));
  if (size >= 2 && rng.chance(0.7)) person(!insuredIsWoman, 22, 80, 'ayant_droit', rng.chance(0.9));
  while (people.length < size) {
    const age = rng.int(0, 24);
    person(rng.chance(0.5), age, age, 'ayant_droit', rng.chance(age >= 10 ? 0.85 : 0.5));
  }
  return people;
};

export const coverageRequest = (rng: Rng, number: string, beneficiaryId: number, professionalId: number): BulkRow => {
  const decision = rng.weighted([['accord', 55], ['refus', 15], ['en_attente', 30]] as const);
  const label = rng.pick(CARE_LABELS);
  return {
    number,
    label,
    decision,
    decisionDate: decision === 'en_attente' ? null : dayInPast(rng, 0, 365),
    amount: amount(rng, 40, 3500),
    beneficiary: beneficiaryId,
    healthProfessional: professionalId,
    thirdPartyPayerEmail: rng.chance(0.4) ? testEmail(`tiers-payant.${slug(label, '-')}.${rng.int(1, 50)}`) : null,
  };
};

export const simulation = (rng: Rng, number: string, beneficiaryId: number, professionalId: number): BulkRow => ({
  number,
  label: rng.pick(CARE_LABELS),
  amount: amount(rng, 20, 2500),
  date: dayInPast(rng, 0, 540),
  beneficiary: beneficiaryId,
  healthProfessional: professionalId,
});

/** '000042' — numbers sort as text in the admin list view. */
export const pad = (n: number, width = 6) => String(n).padStart(width, '0');
