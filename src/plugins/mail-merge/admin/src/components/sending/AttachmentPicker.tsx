import { useRef, useState } from 'react';
import { Button, Flex, IconButton, Typography } from '@strapi/design-system';
import { Cross, Paperclip } from '@strapi/icons';
import { useUploadFileMutation, type UploadedFile } from '../../services/sending';
import { useErrorMessage } from '../../utils/errors';
import { useT } from '../../utils/useT';

const formatSize = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} Ko` : `${(bytes / 1024 / 1024).toFixed(1)} Mo`);

type Props = {
  value: UploadedFile[];
  onChange: (files: UploadedFile[]) => void;
  disabled?: boolean;
  /** A failed upload, with the server's message. */
  onError: (message: string | null) => void;
};

/** « Pièce(s) jointe(s) »: files uploaded to the Media Library, listed with « Retirer ». */
export const AttachmentPicker = ({ value, onChange, disabled, onError }: Props) => {
  const t = useT();
  const [uploadFile] = useUploadFileMutation();
  const errorMessage = useErrorMessage();
  const fileInput = useRef<HTMLInputElement | null>(null);
  const [uploading, setUploading] = useState(false);

  const upload = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    setUploading(true);
    onError(null);
    try {
      const uploaded: UploadedFile[] = [];
      // One file a request; the Media Library answers the list of the files it stored.
      for (const file of Array.from(files)) uploaded.push(...(await uploadFile(file).unwrap()));
      onChange([...value, ...uploaded]);
    } catch (e) {
      onError(errorMessage(e));
    } finally {
      setUploading(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={2} role="group" aria-label={t('send.attachments', 'Pièce(s) jointe(s)')}>
      <Flex gap={3} alignItems="center">
        <Typography variant="pi" fontWeight="bold" textColor="neutral800">
          {t('send.attachments', 'Pièce(s) jointe(s)')}
        </Typography>
        <Button variant="secondary" size="S" startIcon={<Paperclip />} loading={uploading} disabled={disabled} onClick={() => fileInput.current?.click()}>
          {t('send.attachments.add', 'Ajouter une pièce jointe')}
        </Button>
        <input ref={fileInput} type="file" multiple hidden data-testid="mail-attachment-input" onChange={(e) => upload(e.target.files)} />
      </Flex>
      {value.length > 0 && (
        <Flex tag="ul" direction="column" alignItems="stretch" gap={1}>
          {value.map((file) => (
            <Flex tag="li" key={file.id} gap={2} alignItems="center" justifyContent="space-between" background="neutral100" hasRadius paddingLeft={3} paddingRight={1} paddingTop={1} paddingBottom={1}>
              <Typography textColor="neutral800">
                {file.name} ({formatSize(file.size * 1024)})
              </Typography>
              <IconButton
                label={t('send.attachments.remove', 'Retirer {name}', { name: file.name })}
                onClick={() => onChange(value.filter((a) => a.id !== file.id))}
                variant="danger-light"
                size="S"
                disabled={disabled}
              >
                <Cross />
              </IconButton>
            </Flex>
          ))}
        </Flex>
      )}
    </Flex>
  );
};
