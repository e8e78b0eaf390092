import { Alert, Box, Flex, Loader, Typography } from '@strapi/design-system';
import { styled } from 'styled-components';
import type { ComposedMail } from '../../services/layouts';
import { useT } from '../../utils/useT';
import { MailFrame } from '../common/MailFrame';
import { Panel } from '../common/Panel';

const TextPart = styled.pre`
  margin: 0;
  padding: 1.2rem 1.6rem;
  max-height: 20rem;
  overflow: auto;
  white-space: pre-wrap;
  font-family: 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace;
  font-size: 1.2rem;
  line-height: 1.5;
  color: ${({ theme }) => theme.colors.neutral800};
  background: ${({ theme }) => theme.colors.neutral100};
  border-radius: ${({ theme }) => theme.borderRadius};
`;

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
          <Box>
            <Box paddingBottom={2}>
              <Typography variant="sigma" textColor="neutral600">
                {t('preview.text', 'Version texte')}
              </Typography>
            </Box>
            <TextPart data-testid="layout-preview-text">{preview.text}</TextPart>
          </Box>
        </Flex>
      )}
    </Panel>
  );
};
