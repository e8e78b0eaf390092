import { useCallback, useMemo } from 'react';
import { Mail } from '@strapi/icons';
import { useQueryParams, useRBAC } from '@strapi/strapi/admin';
import type { BulkActionComponent } from '@strapi/content-manager/strapi-admin';
import { PERMISSIONS } from '../../constants';
import { usePageOf } from '../../services/pageOf';
import { useT } from '../../utils/useT';
import { BulkSendDialog, type ListQuery } from './BulkSendDialog';

type ListParams = { filters?: Record<string, unknown>; _q?: string };

/**
 * Content Manager bulk action « Envoyer un mail groupé »: in the list of a configured page's
 * records, for users holding send-bulk. The modal sends to the ticked rows or to the whole list
 * as currently filtered (the list's `filters` and `_q` from the URL).
 */
export const BulkSendAction: BulkActionComponent = ({ model, documents }) => {
  const t = useT();
  const { allowedActions, isLoading } = useRBAC(PERMISSIONS.sendBulk);
  const { page } = usePageOf(model);
  const [{ query }] = useQueryParams<ListParams>();

  // The ticked ids and the list's query, kept as the same arrays and objects while their content
  // is the same (the Content Manager hands new ones on every render).
  const idsKey = documents.map((document) => document.documentId).join(',');
  const ids = useMemo(() => (idsKey ? idsKey.split(',') : []), [idsKey]);
  const listKey = JSON.stringify({ filters: (query?.filters as Record<string, unknown>) ?? {}, search: query?._q || null });
  const list = useMemo(() => JSON.parse(listKey) as ListQuery, [listKey]);
  const canReadTemplates = Boolean(allowedActions.canTemplatesRead);

  // A stable component while the selection and the list are the same: the modal keeps its state.
  const content = useCallback(
    ({ onClose }: { onClose: () => void }) =>
      page ? <BulkSendDialog page={page} ids={ids} list={list} canReadTemplates={canReadTemplates} onClose={onClose} /> : null,
    [page, ids, list, canReadTemplates]
  );

  if (isLoading || !allowedActions.canSendBulk || !page || ids.length === 0) return null;
  // Without the templates list, the templates come from a ticked record's choices (send-single).
  if (!canReadTemplates && !allowedActions.canSendSingle) return null;

  return {
    label: t('bulk.action', 'Envoyer un mail groupé'),
    icon: <Mail />,
    variant: 'secondary' as const,
    dialog: {
      type: 'modal' as const,
      title: t('bulk.action', 'Envoyer un mail groupé'),
      content,
    },
  };
};
