import { useCallback, useMemo, useState } from 'react';
import { Flex, Modal, Typography } from '@strapi/design-system';
import { Mail } from '@strapi/icons';
import { useRBAC } from '@strapi/strapi/admin';
import type { DocumentActionComponent } from '@strapi/content-manager/strapi-admin';
import { PERMISSIONS } from '../../constants';
import { usePageOf } from '../../services/pageOf';
import { useGetChoicesQuery, type TemplateChoice } from '../../services/sending';
import { useT } from '../../utils/useT';
import { CancelButton } from '../common/CancelButton';
import { ComposeForm } from './ComposeForm';
import { TemplateChooser } from './TemplateChooser';

type Props = { page: string; record: string; templates: TemplateChoice[]; onClose: () => void };

/** Several templates: a chooser grouped by family; one: the compose form at once. */
const SendMailDialog = ({ page, record, templates, onClose }: Props) => {
  const t = useT();
  const [chosen, setChosen] = useState<string | null>(templates.length === 1 ? templates[0].documentId : null);

  if (chosen) {
    return <ComposeForm page={page} record={record} template={chosen} onClose={onClose} onBack={templates.length > 1 ? () => setChosen(null) : undefined} />;
  }

  return (
    <>
      <Modal.Body>
        <Flex direction="column" alignItems="stretch" gap={3}>
          <Typography textColor="neutral600">{t('send.choose', 'Dépliez une famille et choisissez le mail à envoyer.')}</Typography>
          <TemplateChooser templates={templates} onChoose={setChosen} />
        </Flex>
      </Modal.Body>
      <Modal.Footer>
        <CancelButton onClick={onClose} />
      </Modal.Footer>
    </>
  );
};

/**
 * Content Manager document action « Envoyer un mail »: on the records of a configured page, for
 * users holding send-single, when at least one template is allowed (consent, templates of the page).
 */
export const SendMailAction: DocumentActionComponent = ({ model, documentId }) => {
  const t = useT();
  const { allowedActions, isLoading: rbacLoading } = useRBAC(PERMISSIONS.sendSingle);
  const { page } = usePageOf(model);
  const canSend = !rbacLoading && Boolean(allowedActions.canSendSingle);
  const pageKey = page?.key ?? null;
  // Read fresh for each record opened; a consent changed meanwhile reads them again (their tag).
  const { currentData, isError } = useGetChoicesQuery(
    { page: pageKey ?? '', documentId: documentId ?? '' },
    { skip: !canSend || !pageKey || !documentId, refetchOnMountOrArgChange: true }
  );
  const templates = useMemo<TemplateChoice[] | null>(
    () => (currentData ? currentData.data.templates.filter((tpl) => tpl.allowed) : isError ? [] : null),
    [currentData, isError]
  );

  // A stable component: the modal keeps the chooser and the form's state across re-renders
  // (`templates` only changes when the choices are fetched again).
  const content = useCallback(
    ({ onClose }: { onClose: () => void }) =>
      pageKey && documentId && templates ? <SendMailDialog page={pageKey} record={documentId} templates={templates} onClose={onClose} /> : null,
    [pageKey, documentId, templates]
  );

  if (!canSend || !pageKey || !documentId || !templates || templates.length === 0) return null;

  return {
    label: t('send.action', 'Envoyer un mail'),
    icon: <Mail />,
    // Panel only: in list rows it would ask the server for every row shown.
    position: 'panel' as const,
    dialog: {
      type: 'modal' as const,
      title: t('send.title', 'Envoyer un mail'),
      content,
    },
  };
};
