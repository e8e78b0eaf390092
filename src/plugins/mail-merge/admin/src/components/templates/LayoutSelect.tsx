import { Field, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { LAYOUT_CHOICE } from '../../constants';
import { useGetLayoutsQuery } from '../../services/layouts';
import type { Template } from '../../services/types';
import { useT } from '../../utils/useT';

type Props = { value: string; onChange: (choice: string) => void; disabled?: boolean; error?: string };

/** The select's own value for « the default layout » (a select option cannot be ''). */
const DEFAULT = '-';

/** A saved template's choice as the form sends it: '' the default layout, 'none', or a layout's documentId. */
export const layoutChoiceOf = (template: Pick<Template, 'layout' | 'withoutLayout'> | undefined) =>
  template?.withoutLayout ? LAYOUT_CHOICE.none : (template?.layout?.documentId ?? LAYOUT_CHOICE.default);

/** « Mise en page »: the default layout, none, or one of the mutual's layouts. */
export const LayoutSelect = ({ value, onChange, disabled, error }: Props) => {
  const t = useT();
  const { data } = useGetLayoutsQuery();
  const layouts = data?.data ?? [];
  const fallback = layouts.find((layout) => layout.isDefault);
  return (
    <Field.Root name="layout" error={error} hint={t('template.layout.hint', 'L’en-tête et le pied de page de la mutuelle autour du corps et de la signature.')}>
      <Field.Label>{t('templates.field.layout', 'Mise en page')}</Field.Label>
      <SingleSelect value={value || DEFAULT} onChange={(next) => onChange(next === DEFAULT ? LAYOUT_CHOICE.default : String(next))} disabled={disabled}>
        <SingleSelectOption value={DEFAULT}>
          {fallback
            ? t('template.layout.default', 'Par défaut ({name})', { name: fallback.name })
            : t('template.layout.defaultNone', 'Par défaut (aucune définie)')}
        </SingleSelectOption>
        <SingleSelectOption value={LAYOUT_CHOICE.none}>{t('template.layout.none', 'Sans mise en page')}</SingleSelectOption>
        {layouts.map((layout) => (
          <SingleSelectOption key={layout.documentId} value={layout.documentId}>
            {layout.name}
          </SingleSelectOption>
        ))}
      </SingleSelect>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
};
