/**
 * A population of beneficiaries for grouped sends, with every reason to skip someone present in
 * known numbers. Created through the Document Service (as the admin would); the invalid addresses
 * are written straight to the table, as an old import would have left them (Strapi validates
 * `email` attributes on write).
 */
import type { TestApp } from './strapi';

export type Population = {
  /** Every beneficiary created, in creation order. */
  ids: string[];
  eligible: string[];
  expected: { total: number; eligible: number; skipped: Record<string, number> };
  /** Addresses that must receive exactly one mail. */
  addresses: string[];
};

type Shape = { consenting: number; refused: number; noEmail: number; invalid: number; sharedAddress: number; orphans: number };

export const createPopulation = async (app: TestApp, tag: string, shape: Shape): Promise<Population> => {
  const docs = app.strapi.documents as any;
  const ids: string[] = [];
  const eligible: string[] = [];
  const addresses: string[] = [];
  const invalid: string[] = [];
  const beneficiary = async (data: Record<string, unknown>) => {
    const created = await docs('api::beneficiary.beneficiary').create({ data: { civility: 'Mme', lastName: 'Groupe', birthDate: '1980-01-01', ...data } });
    ids.push(created.documentId);
    return created.documentId as string;
  };
  const adhesion = (n: number, email: string) =>
    docs('api::adhesion.adhesion').create({
      data: { number: `ADH-${tag}-${n}`, startDate: '2024-01-01', consent: { postalAddress: 'interne', landline: 'interne', mobile: 'interne', email } },
    });

  for (let n = 0; n < shape.consenting + shape.refused; n += 1) {
    const refused = n >= shape.consenting;
    const { documentId } = await adhesion(n, refused ? 'refus' : 'interne');
    const insuredAddress = `assure.${tag}.${n}@example.test`;
    const insured = await beneficiary({ firstName: `Assurée ${n}`, email: insuredAddress, role: 'assure', adhesion: documentId });
    if (!refused) {
      eligible.push(insured);
      addresses.push(insuredAddress);
    }
    // The dependant: no address, an invalid one, the insured's own, or their own.
    const kind = refused ? 'own' : n < shape.noEmail ? 'none' : n < shape.noEmail + shape.invalid ? 'invalid' : n < shape.noEmail + shape.invalid + shape.sharedAddress ? 'shared' : 'own';
    const ownAddress = `ayant-droit.${tag}.${n}@example.test`;
    const dependant = await beneficiary({
      civility: 'M',
      firstName: `Ayant droit ${n}`,
      role: 'ayant_droit',
      adhesion: documentId,
      email: kind === 'none' || kind === 'invalid' ? null : kind === 'shared' ? insuredAddress : ownAddress,
    });
    if (kind === 'invalid') invalid.push(dependant);
    if (kind === 'own' && !refused) {
      eligible.push(dependant);
      addresses.push(ownAddress);
    }
  }
  for (let n = 0; n < shape.orphans; n += 1) {
    await beneficiary({ firstName: `Sans adhésion ${n}`, email: `orphelin.${tag}.${n}@example.test`, role: 'assure' });
  }
  if (invalid.length > 0) {
    await app.strapi.db.connection('beneficiaries').whereIn('document_id', invalid).update({ email: 'pas-une-adresse' });
  }
  const skipped = {
    'not-found': 0,
    'no-email': shape.noEmail,
    'invalid-email': shape.invalid,
    consent: shape.refused * 2,
    duplicate: shape.sharedAddress,
    'no-row': shape.orphans,
    render: 0,
  };
  return {
    ids,
    eligible,
    addresses,
    expected: { total: ids.length, eligible: eligible.length, skipped },
  };
};
