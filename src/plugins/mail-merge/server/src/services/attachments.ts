/**
 * Attachments are files of the Media Library (uploaded from the dialog through Strapi's upload
 * plugin). The ledger keeps their ids and names; their content is read when the mail leaves.
 */
import fs from 'fs/promises';
import path from 'path';
import type { Core } from '@strapi/strapi';
import type { SendingSettings } from '../config/schema';
import { getService } from '../utils';
import { forbiddenError, validationError } from '../utils/errors';
import type { Ability } from './access';
import { queryOf } from '../utils/strapi-adapters';

export type StoredAttachment = { fileId: number; filename: string; mime: string; size: number; url: string };

const FILE_UID = 'plugin::upload.file';

/** A file of the Media Library (`plugin::upload.file`), the fields read; its size in kilobytes. */
type FileRow = { id: number; name: string; mime: string; size: number | string; url: string };

const createAttachmentsService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * Checks count, rights and sizes; returns what the ledger keeps. A file is attachable by whoever
   * may read it in the Media Library (with its conditions) or uploaded it.
   */
  async resolve(fileIds: number[], settings: SendingSettings, requester: { ability: Ability; userId: number | null }): Promise<StoredAttachment[]> {
    if (!Array.isArray(fileIds)) throw validationError('attachment.invalid', 'Pièces jointes invalides.', 'Invalid attachments.');
    if (fileIds.length > settings.maxAttachments) {
      throw validationError(
        'attachment.too-many',
        `Trop de pièces jointes (${settings.maxAttachments} au plus).`,
        `Too many attachments (${settings.maxAttachments} at most).`
      );
    }
    const files = fileIds.length
      ? await queryOf<FileRow>(strapi, FILE_UID).findMany({ where: { id: { $in: fileIds } } })
      : [];
    const missing = fileIds.filter((id) => !files.some((file) => file.id === Number(id)));
    if (missing.length > 0) {
      throw validationError('attachment.not-found', 'Pièce jointe introuvable.', 'Attachment not found.', { files: missing });
    }
    const refused = await getService('access', { strapi }).unreadableFiles(requester.ability, requester.userId, fileIds.map(Number));
    if (refused.length > 0) {
      throw forbiddenError(
        'attachment.forbidden',
        'Vous n’avez pas accès à cette pièce jointe dans la médiathèque.',
        'You may not read this attachment in the Media Library.',
        { files: refused }
      );
    }
    for (const file of files) {
      // Strapi stores sizes in kilobytes.
      const bytes = Math.round(Number(file.size) * 1024);
      if (bytes > settings.maxAttachmentBytes) {
        throw validationError(
          'attachment.too-large',
          `La pièce jointe « ${file.name} » dépasse la taille autorisée (${Math.round(settings.maxAttachmentBytes / 1024 / 1024)} Mo).`,
          `The attachment "${file.name}" is larger than allowed (${Math.round(settings.maxAttachmentBytes / 1024 / 1024)} MB).`
        );
      }
    }
    return files.map((file) => ({
      fileId: file.id,
      filename: file.name,
      mime: file.mime,
      size: Math.round(Number(file.size) * 1024),
      url: file.url,
    }));
  },

  /** The content of each attachment, for nodemailer (the provider refuses file paths and URLs). */
  async load(attachments: StoredAttachment[]) {
    return Promise.all(
      (attachments ?? []).map(async (attachment) => {
        let content: Buffer;
        if (attachment.url.startsWith('/')) {
          content = await fs.readFile(path.join(strapi.dirs.static.public, attachment.url));
        } else {
          const response = await fetch(attachment.url);
          if (!response.ok) throw new Error(`attachment ${attachment.filename}: HTTP ${response.status}`);
          content = Buffer.from(await response.arrayBuffer());
        }
        return { filename: attachment.filename, contentType: attachment.mime, content };
      })
    );
  },
});

export type AttachmentsService = ReturnType<typeof createAttachmentsService>;
export default createAttachmentsService;
