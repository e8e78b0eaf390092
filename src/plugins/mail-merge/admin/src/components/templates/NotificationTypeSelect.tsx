import { Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { useNotificationTypes } from '../../services/api';
import { useT } from '../../utils/useT';

type Props = { value: string; onChange: (code: string) => void; disabled?: boolean; error?: string };

const NONE = '-';

/**
 * « Type de notification »: a mail tied to one of the mutual's notifications goes only to members
 * who chose the mail channel for it, and only while the mutual has it activated.
 */
export const NotificationTypeSelect = ({ value, onChange, disabled, error }: Props) => {
  const t = useT();
  const { data } = useNotificationTypes();
  const types = data?.data ?? [];
  return (
    <Field.Root
      name="notificationType"
      error={error}
      hint={t('template.notificationType.hint', 'Le mail ne part qu’aux adhérents qui ont choisi le mail pour cette notification, tant que la mutuelle l’active.')}
    >
      <Field.Label>{t('templates.field.notificationType', 'Type de notification')}</Field.Label>
      <SingleSelect value={value || NONE} onChange={(next) => onChange(next === NONE ? '' : String(next))} disabled={disabled}>
        <SingleSelectOption value={NONE}>{t('template.notificationType.none', 'Aucun')}</SingleSelectOption>
        {types.map((type) => (
          <SingleSelectOption key={type.code} value={type.code}>
            {type.active ? type.label : t('template.notificationType.inactive', '{label} (non activée)', { label: type.label })}
          </SingleSelectOption>
        ))}
      </SingleSelect>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
};
