import { Checkbox, Field, Flex, TextInput } from '@strapi/design-system';
import { isoToParisWallTime } from '../../utils/parisTime';
import { useT } from '../../utils/useT';

type Props = {
  /** Paris wall-clock time, `2026-12-02T09:00`, or null for « now ». */
  value: string | null;
  onChange: (value: string | null) => void;
  disabled?: boolean;
  error?: string | null;
};

/** In an hour, to the minute: a sensible first value once « Programmer l'envoi » is ticked. */
const inAnHour = () => isoToParisWallTime(new Date(Date.now() + 3600_000).toISOString());

/**
 * « Programmer l'envoi »: ticked, a date and time in Paris time; nothing leaves before it. The
 * value stays a wall-clock time here; the dialog turns it into an instant when it sends.
 */
export const ScheduleField = ({ value, onChange, disabled, error }: Props) => {
  const t = useT();
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Checkbox checked={value !== null} onCheckedChange={(v: boolean | 'indeterminate') => onChange(v === true ? inAnHour() : null)} disabled={disabled}>
        {t('bulk.schedule', 'Programmer l’envoi')}
      </Checkbox>
      {value !== null && (
        <Field.Root name="scheduledAt" error={error ?? undefined} hint={t('bulk.schedule.hint', 'Heure de Paris. Les consentements sont vérifiés au moment de l’envoi.')}>
          <Field.Label>{t('bulk.schedule.at', 'Date et heure d’envoi')}</Field.Label>
          <TextInput type="datetime-local" value={value} onChange={(e: React.ChangeEvent<HTMLInputElement>) => onChange(e.target.value)} disabled={disabled} />
          <Field.Hint />
          <Field.Error />
        </Field.Root>
      )}
    </Flex>
  );
};
