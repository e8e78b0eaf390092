import { useEffect, useState } from 'react';
import { Button, Field, Modal, TextInput } from '@strapi/design-system';
import type { Editor } from '@tiptap/react';
import { useT } from '../../utils/useT';

/** Sets, changes or removes the link on the selected text of the body. */
export const LinkDialog = ({ editor, open, onClose }: { editor: Editor; open: boolean; onClose: () => void }) => {
  const t = useT();
  const [href, setHref] = useState('');

  useEffect(() => {
    if (open) setHref((editor.getAttributes('link').href as string | undefined) ?? 'https://');
  }, [open, editor]);

  const apply = () => {
    const url = href.trim();
    const chain = editor.chain().focus().extendMarkRange('link');
    (url && url !== 'https://' ? chain.setLink({ href: url }) : chain.unsetLink()).run();
    onClose();
  };

  return (
    <Modal.Root open={open} onOpenChange={(isOpen: boolean) => !isOpen && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t('editor.link.title', 'Lien')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Field.Root name="href" hint={t('editor.link.hint', 'Adresse web, mailto:… ou champ de fusion {example}. Laisser vide pour retirer le lien.', { example: '${champ}' })}>
            <Field.Label>{t('editor.link.url', 'Adresse du lien')}</Field.Label>
            <TextInput
              value={href}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) => setHref(e.target.value)}
              onKeyDown={(e: React.KeyboardEvent) => e.key === 'Enter' && apply()}
            />
            <Field.Hint />
          </Field.Root>
        </Modal.Body>
        <Modal.Footer>
          <Button
            variant="tertiary"
            onClick={() => {
              editor.chain().focus().extendMarkRange('link').unsetLink().run();
              onClose();
            }}
          >
            {t('editor.link.remove', 'Retirer le lien')}
          </Button>
          <Button onClick={apply}>{t('editor.link.apply', 'Appliquer')}</Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
