import { Extension } from '@tiptap/react';
import type { Node as ProseMirrorNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { MERGE_FIELD } from '../../utils/mergeFields';

export const mergeFieldKey = new PluginKey<DecorationSet>('mailMergeFields');

type Options = { columns: () => string[] | null };

const decorate = (doc: ProseMirrorNode, columns: string[] | null) => {
  const decorations: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (!node.isText || !node.text) return;
    for (const match of node.text.matchAll(MERGE_FIELD)) {
      const from = pos + (match.index ?? 0);
      const unknown = columns !== null && !columns.includes(match[1]);
      decorations.push(
        Decoration.inline(from, from + match[0].length, {
          class: unknown ? 'mm-field mm-field--unknown' : 'mm-field',
          ...(unknown ? { 'data-unknown-field': match[1] } : { 'data-field': match[1] }),
        })
      );
    }
  });
  return DecorationSet.create(doc, decorations);
};

/**
 * Shows each `${field}` of the body as a chip, unknown ones (not among the extraction's columns)
 * in warning colours. Dispatch a transaction with meta `mergeFieldKey` when the columns change.
 */
export const MergeFieldHighlight = Extension.create<Options>({
  name: 'mailMergeFieldHighlight',
  addOptions() {
    return { columns: () => null };
  },
  addProseMirrorPlugins() {
    const { columns } = this.options;
    return [
      new Plugin<DecorationSet>({
        key: mergeFieldKey,
        state: {
          init: (_, { doc }) => decorate(doc, columns()),
          apply: (tr, previous) => (tr.docChanged || tr.getMeta(mergeFieldKey) ? decorate(tr.doc, columns()) : previous),
        },
        props: {
          decorations(state) {
            return mergeFieldKey.getState(state);
          },
        },
      }),
    ];
  },
});
