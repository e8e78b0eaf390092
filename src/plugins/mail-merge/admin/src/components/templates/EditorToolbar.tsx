import type { ReactNode } from 'react';
import { Flex, IconButton } from '@strapi/design-system';
import { ArrowClockwise, Bold, BulletList, Italic, Link, NumberList, Underline } from '@strapi/icons';
import { useEditorState, type Editor } from '@tiptap/react';
import { styled } from 'styled-components';
import { useT } from '../../utils/useT';

const Undo = styled(ArrowClockwise)`
  transform: scaleX(-1);
`;

const Separator = styled.span`
  width: 1px;
  align-self: stretch;
  margin: 0.4rem 0.4rem;
  background: ${({ theme }) => theme.colors.neutral200};
`;

const ToolButton = ({ label, active, disabled, onClick, children }: { label: string; active?: boolean; disabled?: boolean; onClick: () => void; children: ReactNode }) => (
  <IconButton
    label={label}
    variant={active ? 'secondary' : 'ghost'}
    aria-pressed={active}
    disabled={disabled}
    onClick={onClick}
    // Keep the editor's selection: the click must not move the focus first.
    onMouseDown={(event: React.MouseEvent) => event.preventDefault()}
  >
    {children}
  </IconButton>
);

/** Formatting buttons of the mail body: bold, italic, underline, lists, link, undo/redo. */
export const EditorToolbar = ({ editor, disabled, onLink, end }: { editor: Editor; disabled?: boolean; onLink: () => void; end?: ReactNode }) => {
  const t = useT();
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      underline: e.isActive('underline'),
      bulletList: e.isActive('bulletList'),
      orderedList: e.isActive('orderedList'),
      link: e.isActive('link'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });
  const run = (command: (chain: ReturnType<Editor['chain']>) => ReturnType<Editor['chain']>) => () => command(editor.chain().focus()).run();

  return (
    <Flex justifyContent="space-between" alignItems="center" gap={2} padding={1} background="neutral100" wrap="wrap">
      <Flex gap={1} alignItems="center" wrap="wrap" role="toolbar" aria-label={t('editor.toolbar', 'Mise en forme')}>
        <ToolButton label={t('editor.bold', 'Gras')} active={state.bold} disabled={disabled} onClick={run((c) => c.toggleBold())}>
          <Bold />
        </ToolButton>
        <ToolButton label={t('editor.italic', 'Italique')} active={state.italic} disabled={disabled} onClick={run((c) => c.toggleItalic())}>
          <Italic />
        </ToolButton>
        <ToolButton label={t('editor.underline', 'Souligné')} active={state.underline} disabled={disabled} onClick={run((c) => c.toggleUnderline())}>
          <Underline />
        </ToolButton>
        <Separator />
        <ToolButton label={t('editor.bulletList', 'Liste à puces')} active={state.bulletList} disabled={disabled} onClick={run((c) => c.toggleBulletList())}>
          <BulletList />
        </ToolButton>
        <ToolButton label={t('editor.orderedList', 'Liste numérotée')} active={state.orderedList} disabled={disabled} onClick={run((c) => c.toggleOrderedList())}>
          <NumberList />
        </ToolButton>
        <ToolButton label={t('editor.link', 'Lien')} active={state.link} disabled={disabled} onClick={onLink}>
          <Link />
        </ToolButton>
        <Separator />
        <ToolButton label={t('editor.undo', 'Annuler')} disabled={disabled || !state.canUndo} onClick={run((c) => c.undo())}>
          <Undo />
        </ToolButton>
        <ToolButton label={t('editor.redo', 'Rétablir')} disabled={disabled || !state.canRedo} onClick={run((c) => c.redo())}>
          <ArrowClockwise />
        </ToolButton>
      </Flex>
      {end}
    </Flex>
  );
};
