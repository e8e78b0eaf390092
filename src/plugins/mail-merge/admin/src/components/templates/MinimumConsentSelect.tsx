import { Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { CONSENT_LEVEL } from '../../constants';
import type { MinimumConsent } from '../../services/types';
import { useT } from '../../utils/useT';

type Props = { value: MinimumConsent; onChange: (value: MinimumConsent) => void; disabled?: boolean };

/**
 * The consent level a membership must have given for this mail: « Interne » for management mail
 * (the default), « Limité » for communications outside management, « Public » for anything else.
 */
export const MinimumConsentSelect = ({ value, onChange, disabled }: Props) => {
  const t = useT();
  return (
    <Field.Root
      name="minimumConsent"
      hint={t('template.minimumConsent.hint', 'Le mail n’est proposé que pour les adhésions dont le consentement « Adresse électronique » atteint ce niveau.')}
    >
      <Field.Label>{t('templates.field.minimumConsent', 'Consentement minimum')}</Field.Label>
      <SingleSelect value={value} onChange={(next) => onChange(String(next) as MinimumConsent)} disabled={disabled}>
        <SingleSelectOption value={CONSENT_LEVEL.interne}>{t('consent.minimum.interne', 'Interne (1) : mail de gestion')}</SingleSelectOption>
        <SingleSelectOption value={CONSENT_LEVEL.limite}>{t('consent.minimum.limite', 'Limité (2) : communication hors gestion')}</SingleSelectOption>
        <SingleSelectOption value={CONSENT_LEVEL.public}>{t('consent.minimum.public', 'Public (3)')}</SingleSelectOption>
      </SingleSelect>
      <Field.Hint />
    </Field.Root>
  );
};
