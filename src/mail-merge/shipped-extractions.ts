import type { ShippedExtraction } from '../plugins/mail-merge/server/src/config/schema';

/**
 * The extractions this app ships for its pages (plugin config `shipped.extractions`), installed
 * once at start-up by the plugin. They read this app's tables, so they live in the app, not in
 * the plugin. Written in SQL that both SQLite and PostgreSQL accept; column aliases are the merge
 * fields.
 */
const civilityLabel = (column: string) =>
  `case ${column} when 'Mme' then 'Madame' when 'M' then 'Monsieur' else 'Madame, Monsieur' end`;

export const SHIPPED_EXTRACTIONS: ShippedExtraction[] = [
  {
    key: 'beneficiaries',
    title: 'Bénéficiaires et adhésion',
    description: 'Bénéficiaire, son adhésion et l’assuré principal.',
    pages: ['beneficiaries'],
    query: `select b.document_id,
  b.civility as civilite_benef,
  ${civilityLabel('b.civility')} as lib_civile_benef,
  b.last_name as nom_benef,
  b.first_name as prenom_benef,
  b.email as mail_benef,
  b.birth_date as date_naissance_benef,
  b.role as qualite_benef,
  a.number as num_adhesion,
  a.start_date as date_adhesion,
  ${civilityLabel('assure.civility')} as lib_civile_assure,
  assure.last_name as nom_assure,
  assure.first_name as prenom_assure,
  assure.email as mail_assure
from beneficiaries b
left join beneficiaries_adhesion_lnk bl on bl.beneficiary_id = b.id
left join adhesions a on a.id = bl.adhesion_id
-- The insured of the same adhesion, through the link table and an index lookup per row (a
-- derived table of every insured was materialised whole: 43 ms per record at 150 000).
left join beneficiaries_adhesion_lnk al on al.adhesion_id = a.id
  and exists (select 1 from beneficiaries x where x.id = al.beneficiary_id and x.role = 'assure')
left join beneficiaries assure on assure.id = al.beneficiary_id`,
  },
  {
    key: 'health-professionals',
    title: 'Professionnels de santé',
    description: 'Coordonnées du professionnel de santé et de son service comptable.',
    pages: ['health-professionals'],
    query: `select p.document_id,
  p.civility as civilite_prof_sante,
  coalesce(p.last_name, p.company_name) as nom_prof_sante,
  p.first_name as prenom_prof_sante,
  p.company_name as raison_sociale,
  p.email as mail_prof_sante,
  p.accounting_email as mail_comptable,
  p.phone as tel_prof_sante,
  p.rpps as rpps
from health_professionals p`,
  },
  {
    key: 'coverage-requests',
    title: 'Prises en charge',
    description: 'Demande de prise en charge, bénéficiaire et professionnel de santé.',
    pages: ['coverage-requests'],
    query: `select c.document_id,
  c.number as num_pec,
  c.label as lib_pec,
  case c.decision when 'accord' then 'Accord' when 'refus' then 'Refus' else 'En attente' end as avis,
  c.decision_date as dtpec,
  c.amount as montant_pec,
  c.third_party_payer_email as mail_tiers_payant,
  b.civility as civilite_benef,
  b.last_name as nom_benef,
  b.first_name as prenom_benef,
  b.email as mail_benef,
  coalesce(p.last_name, p.company_name) as nom_prof_sante,
  p.email as mail_prof_sante
from coverage_requests c
left join coverage_requests_beneficiary_lnk cb on cb.coverage_request_id = c.id
left join beneficiaries b on b.id = cb.beneficiary_id
left join coverage_requests_health_professional_lnk cp on cp.coverage_request_id = c.id
left join health_professionals p on p.id = cp.health_professional_id`,
  },
  {
    key: 'structures',
    title: 'Structures',
    description: 'Structure (ou structure mère) et ses autres coordonnées.',
    pages: ['structures'],
    query: `select s.document_id,
  s.name as nom_structure,
  s.email as mail_structure,
  s.phone as tel_structure,
  s.fax as fax_structure,
  m.name as nom_structure_mere,
  m.email as mail_structure_mere
from structures s
left join structures_parent_lnk pl on pl.structure_id = s.id
left join structures m on m.id = pl.inv_structure_id`,
  },
  {
    key: 'simulations',
    title: 'Simulations',
    description: 'Devis, bénéficiaire et professionnel de santé.',
    pages: ['simulations'],
    query: `select s.document_id,
  s.number as num_simulation,
  s.label as lib_simulation,
  s.amount as montant_simulation,
  s."date" as date_simulation,
  b.civility as civilite_benef,
  ${civilityLabel('b.civility')} as lib_civile_benef,
  b.last_name as nom_benef,
  b.first_name as prenom_benef,
  b.email as mail_benef,
  coalesce(p.last_name, p.company_name) as nom_prof_sante,
  p.email as mail_prof_sante
from simulations s
left join simulations_beneficiary_lnk sb on sb.simulation_id = s.id
left join beneficiaries b on b.id = sb.beneficiary_id
left join simulations_health_professional_lnk sp on sp.simulation_id = s.id
left join health_professionals p on p.id = sp.health_professional_id`,
  },
];
