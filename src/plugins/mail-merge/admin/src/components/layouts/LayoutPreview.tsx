import { Alert, Flex, Loader } from '@strapi/design-system';
import type { ComposedMail } from '../../services/layouts';
import { useT } from '../../utils/useT';
import { MailFrame } from '../common/MailFrame';
import { TextPart } from '../common/TextPart';
import { Panel } from '../common/Panel';
import { LabelledSection } from '../common/LabelledSection';

/** The layout as being edited around a sample mail, exactly as the server composes a mail that leaves. */
export const LayoutPreview = ({ preview, error }: { preview: ComposedMail | null; error: string | null }) => {
  const t = useT();
  return (
    <Panel title={t('layout.preview', 'Aperçu')} subtitle={t('layout.preview.hint', 'Un mail d’exemple avec votre signature, tel qu’il partira.')}>
      {error && (
        <Alert variant="warning" closeLabel={t('action.close', 'Fermer')} title={t('layout.preview.error', 'Aperçu non mis à jour')}>
          {error}
        </Alert>
      )}
      {!preview ? (
        <Flex justifyContent="center" padding={6}>
          <Loader small>{t('layout.preview.loading', 'Mise en page en cours…')}</Loader>
        </Flex>
      ) : (
        <Flex direction="column" alignItems="stretch" gap={4} tag="section" aria-label={t('layout.preview', 'Aperçu')}>
          <MailFrame title={t('layout.preview.html', 'Aperçu de la mise en page')} html={preview.html} height="40rem" />
          <LabelledSection label={t('preview.text', 'Version texte')}>
            <TextPart $maxHeight="20rem" $fontSize="1.2rem" data-testid="layout-preview-text">{preview.text}</TextPart>
          </LabelledSection>
        </Flex>
      )}
    </Panel>
  );
};
