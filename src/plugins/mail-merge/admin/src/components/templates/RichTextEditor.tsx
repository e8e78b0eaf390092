import { useEffect, useRef, useState, type MutableRefObject, type ReactNode } from 'react';
import { Box } from '@strapi/design-system';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { styled } from 'styled-components';
import { EditorToolbar } from './EditorToolbar';
import { LinkDialog } from './LinkDialog';
import { MergeFieldHighlight, mergeFieldKey } from './mergeFieldHighlight';

const Frame = styled(Box)`
  border: 1px solid ${({ theme }) => theme.colors.neutral200};
  border-radius: ${({ theme }) => theme.borderRadius};
  overflow: hidden;
  background: ${({ theme }) => theme.colors.neutral0};

  &:focus-within {
    border-color: ${({ theme }) => theme.colors.primary600};
    box-shadow: ${({ theme }) => theme.colors.primary600} 0px 0px 0px 2px;
  }

  .ProseMirror {
    min-height: 22rem;
    max-height: 60rem;
    overflow-y: auto;
    padding: 1.2rem 1.6rem;
    outline: none;
    font-size: 1.4rem;
    line-height: 1.6;
    color: ${({ theme }) => theme.colors.neutral800};
  }
  .ProseMirror p {
    margin: 0 0 0.8rem;
  }
  .ProseMirror ul,
  .ProseMirror ol {
    padding-left: 2.4rem;
    margin: 0 0 0.8rem;
  }
  .ProseMirror ul {
    list-style: disc;
  }
  .ProseMirror ol {
    list-style: decimal;
  }
  .ProseMirror strong {
    font-weight: 600;
  }
  .ProseMirror em {
    font-style: italic;
  }
  .ProseMirror u {
    text-decoration: underline;
  }
  .ProseMirror a {
    color: ${({ theme }) => theme.colors.primary600};
    text-decoration: underline;
  }
  .ProseMirror .mm-field {
    font-family: 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace;
    font-size: 0.9em;
    padding: 0.1rem 0.3rem;
    border-radius: 3px;
    color: ${({ theme }) => theme.colors.primary700};
    background: ${({ theme }) => theme.colors.primary100};
  }
  .ProseMirror .mm-field--unknown {
    color: ${({ theme }) => theme.colors.warning700};
    background: ${({ theme }) => theme.colors.warning100};
    text-decoration: wavy underline ${({ theme }) => theme.colors.warning500};
  }
`;

type Props = {
  initialValue: string;
  onChange: (html: string) => void;
  columns: string[] | null;
  editorRef: MutableRefObject<Editor | null>;
  onFocus?: () => void;
  disabled?: boolean;
  toolbarEnd?: ReactNode;
  labelledBy?: string;
};

/** The mail body: TipTap (ProseMirror) producing HTML, with formatting buttons and `${field}` chips. */
export const RichTextEditor = ({ initialValue, onChange, columns, editorRef, onFocus, disabled, toolbarEnd, labelledBy }: Props) => {
  const columnsRef = useRef(columns);
  columnsRef.current = columns;
  const [linkOpen, setLinkOpen] = useState(false);

  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        heading: false,
        code: false,
        codeBlock: false,
        horizontalRule: false,
        link: {
          openOnClick: false,
          autolink: true,
          defaultProtocol: 'https',
          // Links may be built from a merge field: href="${lien_espace_adherent}".
          isAllowedUri: (url, ctx) => /^\$\{/.test(url) || ctx.defaultValidate(url),
        },
      }),
      MergeFieldHighlight.configure({ columns: () => columnsRef.current }),
    ],
    content: initialValue,
    editable: !disabled,
    immediatelyRender: true,
    shouldRerenderOnTransaction: false,
    editorProps: {
      attributes: {
        role: 'textbox',
        'aria-multiline': 'true',
        ...(labelledBy ? { 'aria-labelledby': labelledBy } : {}),
        'data-testid': 'mail-body-editor',
      },
    },
    onUpdate: ({ editor: e }) => onChange(e.isEmpty ? '' : e.getHTML()),
    onFocus: () => onFocus?.(),
  });

  editorRef.current = editor;

  useEffect(() => {
    editor?.setEditable(!disabled);
  }, [editor, disabled]);

  // Re-colour the fields when the extraction (its columns) changes.
  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(mergeFieldKey, true));
  }, [editor, columns]);

  if (!editor) return null;

  return (
    <Frame>
      <EditorToolbar editor={editor} disabled={disabled} onLink={() => setLinkOpen(true)} end={toolbarEnd} />
      <EditorContent editor={editor} />
      <LinkDialog editor={editor} open={linkOpen} onClose={() => setLinkOpen(false)} />
    </Frame>
  );
};
