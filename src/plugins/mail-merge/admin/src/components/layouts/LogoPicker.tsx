import { useState } from 'react';
import { Box, Button, Field, Flex, Typography } from '@strapi/design-system';
import { Cross, Images } from '@strapi/icons';
import { useStrapiApp } from '@strapi/strapi/admin';
import { styled } from 'styled-components';
import type { LayoutLogo } from '../../services/layouts';
import { useT } from '../../utils/useT';

const Thumbnail = styled.img`
  display: block;
  max-width: 16rem;
  max-height: 6rem;
  object-fit: contain;
`;

type Asset = { id: number; name: string; url: string };

type Props = { value: LayoutLogo | null; onChange: (logo: LayoutLogo | null) => void; error?: string; disabled?: boolean };

/** Absolute as mails need it (the local provider answers /uploads/…). */
const backendURL = () => (window as unknown as { strapi?: { backendURL?: string } }).strapi?.backendURL ?? window.location.origin;
const absolute = (url: string) => (/^https?:\/\//i.test(url) ? url : `${backendURL()}${url}`);

/** The header's logo: an image of the Media Library, chosen in Strapi's own dialog. */
export const LogoPicker = ({ value, onChange, error, disabled }: Props) => {
  const t = useT();
  const [open, setOpen] = useState(false);
  const components = useStrapiApp('LogoPicker', (state) => state.components);
  const MediaLibraryDialog = components?.['media-library'] as React.ComponentType<any> | undefined;

  return (
    <Field.Root name="logo" error={error} hint={t('layout.logo.hint', 'Une image de la médiathèque. Sans image affichée, le nom de la mutuelle la remplace.')}>
      <Field.Label>{t('layout.field.logo', 'Logo')}</Field.Label>
      <Flex gap={4} alignItems="center" wrap="wrap">
        <Box padding={2} hasRadius borderColor="neutral200" background="neutral100" minWidth="16rem">
          {value ? (
            <Thumbnail src={value.url} alt={value.name} />
          ) : (
            <Typography variant="pi" textColor="neutral600">
              {t('layout.logo.none', 'Aucun logo')}
            </Typography>
          )}
        </Box>
        <Flex gap={2}>
          <Button variant="secondary" startIcon={<Images />} onClick={() => setOpen(true)} disabled={disabled || !MediaLibraryDialog}>
            {t('layout.logo.choose', 'Choisir dans la médiathèque')}
          </Button>
          {value && (
            <Button variant="tertiary" startIcon={<Cross />} onClick={() => onChange(null)} disabled={disabled}>
              {t('layout.logo.remove', 'Retirer')}
            </Button>
          )}
        </Flex>
      </Flex>
      <Field.Hint />
      <Field.Error />
      {open && MediaLibraryDialog && (
        <MediaLibraryDialog
          allowedTypes={['images']}
          multiple={false}
          onClose={() => setOpen(false)}
          onSelectAssets={(assets: Asset[]) => {
            const [asset] = assets;
            if (asset) onChange({ id: asset.id, name: asset.name, url: absolute(asset.url) });
            setOpen(false);
          }}
        />
      )}
    </Field.Root>
  );
};
