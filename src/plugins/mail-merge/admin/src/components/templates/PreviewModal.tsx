import { useEffect, useState } from 'react';
import { Alert, Box, Button, Flex, Loader, Modal, Typography } from '@strapi/design-system';
import { useLatest } from '../../hooks/useLatest';
import type { Preview, RecordOption } from '../../services/types';
import { useErrorMessage } from '../../utils/errors';
import { useT } from '../../utils/useT';
import { MailFrame } from '../common/MailFrame';
import { TextPart } from '../common/TextPart';
import { RecordPicker } from '../common/RecordPicker';
import { LabelledLine } from '../common/LabelledLine';
import { LabelledSection } from '../common/LabelledSection';

const Line = ({ label, children }: { label: string; children: React.ReactNode }) => (
  <LabelledLine label={label} labelWidth="10rem">
    {children}
  </LabelledLine>
);

type Props = {
  open: boolean;
  onClose: () => void;
  page: string | null;
  pageLabel?: string;
  render: (record: string) => Promise<Preview>;
};

/** « Prévisualiser »: the template rendered on a record of its page (recipients, subject, HTML and text parts). */
export const PreviewModal = ({ open, onClose, page, pageLabel, render }: Props) => {
  const t = useT();
  const errorMessage = useErrorMessage();
  const [record, setRecord] = useState<RecordOption | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  // `render` changes with every keystroke of the form; the preview follows the chosen record.
  const latestRender = useLatest(render);
  useEffect(() => {
    if (!open || !record) return;
    let cancelled = false;
    setLoading(true);
    setError(null);
    latestRender
      .current(record.documentId)
      .then((result) => !cancelled && setPreview(result))
      .catch((e) => {
        if (cancelled) return;
        setPreview(null);
        setError(errorMessage(e));
      })
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [open, record, latestRender, errorMessage]);

  return (
    <Modal.Root open={open} onOpenChange={(isOpen: boolean) => !isOpen && onClose()}>
      <Modal.Content style={{ width: 'min(90rem, 92vw)', maxWidth: 'none' }}>
        <Modal.Header>
          <Modal.Title>{t('preview.title', 'Prévisualiser le mail')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={5}>
            <RecordPicker
              page={page}
              value={record}
              onChange={setRecord}
              label={t('preview.record', 'Fiche')}
              hint={pageLabel ? t('preview.record.hint', 'Une fiche de la page « {page} », recherchée par son nom', { page: pageLabel }) : undefined}
            />
            {loading && (
              <Flex justifyContent="center" padding={6}>
                <Loader small>{t('preview.loading', 'Fusion en cours…')}</Loader>
              </Flex>
            )}
            {error && (
              <Alert variant="danger" closeLabel={t('action.close', 'Fermer')} title={t('preview.error', 'Prévisualisation impossible')}>
                {error}
              </Alert>
            )}
            {!loading && preview && (
              <Flex direction="column" alignItems="stretch" gap={4} aria-label={t('preview.result', 'Mail fusionné')} tag="section">
                <Flex direction="column" alignItems="stretch" gap={2}>
                  <Line label={t('preview.to', 'Destinataire')}>{preview.to.length > 0 ? preview.to.join(', ') : t('preview.to.none', 'Aucun : le gestionnaire le choisit à l’envoi')}</Line>
                  <Line label={t('preview.subject', 'Sujet')}>
                    <span data-testid="preview-subject">{preview.subject}</span>
                  </Line>
                </Flex>
                <LabelledSection label={t('preview.html', 'Corps (HTML)')}>
                  <MailFrame title={t('preview.html', 'Corps (HTML)')} html={preview.html} />
                </LabelledSection>
                <LabelledSection label={t('preview.text', 'Version texte')}>
                  <TextPart data-testid="preview-text">{preview.text}</TextPart>
                </LabelledSection>
              </Flex>
            )}
            {!loading && !preview && !error && (
              <Typography textColor="neutral600">{t('preview.choose', 'Choisissez une fiche pour voir le mail fusionné.')}</Typography>
            )}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Box />
          <Button variant="tertiary" onClick={onClose}>
            {t('action.close', 'Fermer')}
          </Button>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
