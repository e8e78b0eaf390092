import { useEffect, useState } from 'react';
import { Button, Field, Flex, Modal, TextInput, Typography } from '@strapi/design-system';
import { Duplicate } from '@strapi/icons';
import { useDuplicateTemplateMutation } from '../../services/api';
import type { Page } from '../../services/pages';
import type { Template } from '../../services/types';
import { useErrorMessage } from '../../utils/errors';
import { useT } from '../../utils/useT';
import { CancelButton } from '../common/CancelButton';
import { PageExtractionSelects } from './PageExtractionSelects';

type Props = {
  open: boolean;
  onClose: () => void;
  template: Template;
  pages: Page[];
  canReadExtractions: boolean;
  onDuplicated: (copy: Template) => void;
};

/** « Dupliquer vers une autre page »: page, extraction and title of the copy, in one action. */
export const DuplicateModal = ({ open, onClose, template, pages, canReadExtractions, onDuplicated }: Props) => {
  const t = useT();
  const [duplicateTemplate] = useDuplicateTemplateMutation();
  const errorMessage = useErrorMessage();
  const [page, setPage] = useState('');
  const [extraction, setExtraction] = useState('');
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    setPage('');
    setExtraction('');
    setTitle(template.title);
    setError(null);
  }, [open, template.title]);

  const submit = async () => {
    setSaving(true);
    setError(null);
    try {
      const { data: copy } = await duplicateTemplate({ documentId: template.documentId, body: { page, extraction, title: title.trim() || undefined } }).unwrap();
      onDuplicated(copy);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal.Root open={open} onOpenChange={(isOpen: boolean) => !isOpen && onClose()}>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t('duplicate.title', 'Dupliquer vers une autre page')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Typography textColor="neutral600">
              {t('duplicate.intro', 'Une copie du mail « {title} » est créée sur la page choisie, avec une extraction accessible à partir de cette page.', {
                title: template.title,
              })}
            </Typography>
            <PageExtractionSelects
              pages={pages}
              page={page}
              extraction={extraction}
              onPage={(next) => {
                setPage(next);
                setExtraction('');
              }}
              onExtraction={(next) => setExtraction(next?.documentId ?? '')}
              canReadExtractions={canReadExtractions}
            />
            <Field.Root name="copy-title">
              <Field.Label>{t('templates.field.title', 'Intitulé')}</Field.Label>
              <TextInput value={title} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setTitle(e.target.value)} />
            </Field.Root>
            {error && (
              <Typography textColor="danger600" role="alert">
                {error}
              </Typography>
            )}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <CancelButton onClick={onClose} />
          <Button startIcon={<Duplicate />} onClick={submit} loading={saving} disabled={!page || !extraction}>
            {t('duplicate.submit', 'Dupliquer')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
