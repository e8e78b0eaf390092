import { Field, Textarea } from '@strapi/design-system';
import { styled } from 'styled-components';
import { useT } from '../../utils/useT';

const Monospace = styled(Textarea)`
  font-family: 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace;
  font-size: 1.3rem;
  line-height: 1.6;
  min-height: 24rem;
  tab-size: 2;
  /* Long lines wrap: a query is read whole, without scrolling sideways. */
  white-space: pre-wrap;
  overflow-wrap: anywhere;
  overflow-x: hidden;
`;

type Props = { value: string; onChange: (value: string) => void; disabled?: boolean; error?: string };

/** « Requête »: the extraction's SQL (one SELECT or WITH … SELECT), in a monospace editor; Tab indents. */
export const SqlEditor = ({ value, onChange, disabled, error }: Props) => {
  const t = useT();
  const onKeyDown = (event: React.KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Tab' || event.shiftKey) return;
    event.preventDefault();
    const area = event.currentTarget;
    const { selectionStart, selectionEnd } = area;
    const next = `${value.slice(0, selectionStart)}  ${value.slice(selectionEnd)}`;
    onChange(next);
    requestAnimationFrame(() => area.setSelectionRange(selectionStart + 2, selectionStart + 2));
  };
  return (
    <Field.Root
      name="query"
      required
      error={error}
      hint={t('extraction.query.hint', 'Une seule requête SELECT (ou WITH … SELECT). Les noms de colonnes deviennent les champs de fusion ; la colonne clé de chaque page (document_id) doit être fournie.')}
    >
      <Field.Label>{t('extractions.field.query', 'Requête')}</Field.Label>
      <Monospace
        value={value}
        onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
        disabled={disabled}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
      />
      <Field.Error />
      <Field.Hint />
    </Field.Root>
  );
};
