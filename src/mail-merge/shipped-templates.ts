import type { ShippedTemplate } from '../plugins/mail-merge/server/src/config/schema';

/**
 * Templates this app ships by default (plugin config `shipped.templates`), as in MutualIT
 * (« Par défaut, MutualIT est paramétré avec deux modèles »), on the shipped extractions.
 */
export const SHIPPED_TEMPLATES: ShippedTemplate[] = [
  {
    key: 'demande-pieces-beneficiaire',
    extraction: 'beneficiaries',
    page: 'beneficiaries',
    family: 'Demandes de pièces',
    title: 'Demande de pièces justificatives',
    description: 'Mail de demande de pièces justificatives',
    recipient: '${mail_benef}',
    subject: 'Demande de pièces justificatives — adhésion n° ${num_adhesion}',
    body: [
      '<p>${lib_civile_benef},</p>',
      '<p>Afin de compléter le dossier de votre adhésion n° <strong>${num_adhesion}</strong>, nous vous remercions de bien vouloir nous transmettre les pièces justificatives suivantes :</p>',
      '<ul><li>une attestation de droits à l’assurance maladie ;</li><li>un relevé d’identité bancaire.</li></ul>',
      '<p>Vous pouvez répondre directement à ce message en joignant les documents.</p>',
      '<p>Nous restons à votre disposition pour tout renseignement complémentaire.</p>',
      '<p>Cordialement,</p>',
    ].join('\n'),
  },
  {
    key: 'demande-pieces-tp',
    extraction: 'health-professionals',
    page: 'health-professionals',
    family: 'Demandes de pièces',
    title: 'Demande de pièces justificatives TP',
    description: 'Mail de demande de pièces justificatives TP',
    recipient: '${mail_prof_sante}',
    subject: 'Demande de pièces justificatives concernant le professionnel de santé ${nom_prof_sante}',
    body: [
      '<p>Madame, Monsieur,</p>',
      '<p>Dans le cadre du tiers payant, nous vous remercions de nous transmettre les pièces justificatives relatives aux soins facturés par ${nom_prof_sante}.</p>',
      '<p>Cordialement,</p>',
    ].join('\n'),
  },
  {
    key: 'accord-prise-en-charge',
    extraction: 'coverage-requests',
    page: 'coverage-requests',
    family: 'Prises en charge',
    title: 'Accord de prise en charge',
    description: 'Accord transmis à l’organisme de tiers payant centralisé',
    recipient: '${mail_prof_sante}',
    subject: 'Réponse à votre demande de prise en charge pour ${civilite_benef} ${nom_benef} ${prenom_benef}',
    body: [
      '<p>Madame, Monsieur,</p>',
      '<p>Votre demande de prise en charge n° ${num_pec} (${lib_pec}) a reçu l’avis suivant : <strong>${avis}</strong>{{#if dtpec}}, le ${dtpec}{{/if}}.</p>',
      '{{#if montant_pec}}<p>Montant pris en charge : ${montant_pec} €.</p>{{/if}}',
      '<p>Cordialement,</p>',
    ].join('\n'),
  },
];
