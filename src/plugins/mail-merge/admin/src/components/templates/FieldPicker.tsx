import { Menu, Typography } from '@strapi/design-system';
import type { FieldTarget } from '../../utils/mergeFields';
import { useT } from '../../utils/useT';

type Props = {
  columns: string[] | null;
  target: FieldTarget;
  onPick: (field: string) => void;
  /** Called when the menu closes, to put the focus back where the field went. */
  onClosed: () => void;
  disabled?: boolean;
};

/** « Champs… »: the extraction's columns; choosing one inserts `${field}` where the cursor was. */
export const FieldPicker = ({ columns, target, onPick, onClosed, disabled }: Props) => {
  const t = useT();
  const targets: Record<FieldTarget, string> = {
    body: t('templates.field.body', 'Corps'),
    subject: t('templates.field.subject', 'Sujet'),
    recipient: t('templates.field.recipient', 'Destinataire'),
  };
  return (
    <Menu.Root>
      <Menu.Trigger
        variant="secondary"
        size="S"
        disabled={disabled || !columns || columns.length === 0}
        onMouseDown={(event: React.MouseEvent) => event.preventDefault()}
      >
        {t('fields.button', 'Champs…')}
      </Menu.Trigger>
      <Menu.Content
        popoverPlacement="bottom-end"
        maxHeight="32rem"
        onCloseAutoFocus={(event: Event) => {
          event.preventDefault();
          onClosed();
        }}
      >
        <Menu.Label>
          <Typography variant="sigma" textColor="neutral600">
            {t('fields.insertInto', 'Insérer dans : {target}', { target: targets[target] })}
          </Typography>
        </Menu.Label>
        {(columns ?? []).map((column) => (
          <Menu.Item key={column} onSelect={() => onPick(column)}>
            <Typography style={{ fontFamily: "'SFMono-Regular', Menlo, Consolas, monospace" }}>{column}</Typography>
          </Menu.Item>
        ))}
      </Menu.Content>
    </Menu.Root>
  );
};
