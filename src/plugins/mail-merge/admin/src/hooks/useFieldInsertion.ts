import { useRef, useState } from 'react';
import type { Editor } from '@tiptap/react';
import { fieldToken, insertAt, type FieldTarget } from '../utils/mergeFields';

type InputTarget = Exclude<FieldTarget, 'body'>;
type Selection = { start: number | null; end: number | null };

/**
 * Where « Champs… » inserts `${field}`: the last focused of body (TipTap), subject and recipient,
 * at its cursor; the focus goes back there once the menu is closed.
 */
export const useFieldInsertion = (values: Record<InputTarget, string>, setValue: (key: InputTarget, value: string) => void) => {
  const [target, setTarget] = useState<FieldTarget>('body');
  const editorRef = useRef<Editor | null>(null);
  const subjectRef = useRef<HTMLInputElement>(null);
  const recipientRef = useRef<HTMLInputElement>(null);
  const inputs: Record<InputTarget, React.RefObject<HTMLInputElement>> = { subject: subjectRef, recipient: recipientRef };
  const selections = useRef<Record<InputTarget, Selection>>({ subject: { start: null, end: null }, recipient: { start: null, end: null } });
  const pendingCaret = useRef<number | null>(null);

  /** Keeps the cursor of an input (its selection is gone once the menu has the focus). */
  const trackSelection = (key: InputTarget) => (event: React.SyntheticEvent<HTMLInputElement>) => {
    selections.current[key] = { start: event.currentTarget.selectionStart, end: event.currentTarget.selectionEnd };
  };

  const pickField = (field: string) => {
    const token = fieldToken(field);
    if (target === 'body') {
      editorRef.current?.chain().focus().insertContent(token).run();
      return;
    }
    const { start, end } = selections.current[target];
    const next = insertAt(values[target], token, start, end);
    setValue(target, next.value);
    selections.current[target] = { start: next.caret, end: next.caret };
    pendingCaret.current = next.caret;
  };

  const restoreFocus = () => {
    if (target === 'body') {
      editorRef.current?.commands.focus();
      return;
    }
    const input = inputs[target].current;
    const caret = pendingCaret.current;
    pendingCaret.current = null;
    // After React has rendered the new value, or the caret would jump to the end.
    requestAnimationFrame(() => {
      input?.focus();
      if (caret !== null) input?.setSelectionRange(caret, caret);
    });
  };

  return { target, setTarget, editorRef, inputs, trackSelection, pickField, restoreFocus };
};
