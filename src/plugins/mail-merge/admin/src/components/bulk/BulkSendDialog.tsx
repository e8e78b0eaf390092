import { useEffect, useState } from 'react';
import { Alert, Box, Button, Checkbox, Flex, Loader, Modal, Radio, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { useNavigate } from 'react-router-dom';
import { ROUTES } from '../../constants';
import { useBulkTemplates } from '../../hooks/useBulkTemplates';
import { useCreateBatchMutation, usePreflightBatchMutation, type Preflight, type Selection } from '../../services/batches';
import type { Page } from '../../services/pages';
import type { UploadedFile } from '../../services/sending';
import { useErrorMessage } from '../../utils/errors';
import { useT } from '../../utils/useT';
import { CancelButton } from '../common/CancelButton';
import { AttachmentPicker } from '../sending/AttachmentPicker';
import { TemplateChooser } from '../sending/TemplateChooser';
import { parisWallTimeToIso } from '../../utils/parisTime';
import { PreflightSummary } from './PreflightSummary';
import { ScheduleField } from './ScheduleField';

export type ListQuery = { filters: Record<string, unknown>; search: string | null };

type Props = {
  page: Page;
  ids: string[];
  list: ListQuery;
  canReadTemplates: boolean;
  onClose: () => void;
};

type Scope = 'selected' | 'list';

const selectionOf = (scope: Scope, ids: string[], list: ListQuery): Selection =>
  scope === 'selected' ? { ids } : { filters: list.filters, ...(list.search ? { search: list.search } : {}) };

/**
 * « Envoyer un mail groupé »: the template (by family), the records (the ticked ones or the whole
 * filtered list), the pre-flight, the options, then « Envoyer », which opens the batch's progress.
 */
export const BulkSendDialog = ({ page, ids, list, canReadTemplates, onClose }: Props) => {
  const t = useT();
  const [preflightBatch] = usePreflightBatchMutation();
  const [createBatch] = useCreateBatchMutation();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const { toggleNotification } = useNotification();
  const { templates, error: templatesError } = useBulkTemplates(page.key, canReadTemplates, ids[0]);

  const [template, setTemplate] = useState<string | null>(null);
  const [scope, setScope] = useState<Scope>('selected');
  const [preflight, setPreflight] = useState<Preflight | null>(null);
  const [preflightError, setPreflightError] = useState<string | null>(null);
  const [priority, setPriority] = useState(false);
  const [logEvent, setLogEvent] = useState(true);
  const [attachments, setAttachments] = useState<UploadedFile[]>([]);
  const [scheduledAt, setScheduledAt] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  // One template only: no chooser.
  useEffect(() => {
    if (templates?.length === 1) setTemplate(templates[0].documentId);
  }, [templates]);

  // The pre-flight follows what is selected, not the identity of the arrays it comes in.
  const selectionKey = JSON.stringify(selectionOf(scope, ids, list));
  useEffect(() => {
    setPreflight(null);
    setPreflightError(null);
    if (!template) return;
    let cancelled = false;
    preflightBatch({ page: page.key, template, selection: JSON.parse(selectionKey) as Selection })
      .unwrap()
      .then((result) => !cancelled && setPreflight(result.data))
      .catch((e) => !cancelled && setPreflightError(errorMessage(e)));
    return () => {
      cancelled = true;
    };
  }, [preflightBatch, errorMessage, page.key, template, selectionKey]);

  const send = async () => {
    if (!template) return;
    const at = scheduledAt === null ? null : parisWallTimeToIso(scheduledAt);
    if (scheduledAt !== null && !at) {
      setError(t('bulk.schedule.invalid', 'Indiquez la date et l’heure de l’envoi programmé.'));
      return;
    }
    setSending(true);
    setError(null);
    try {
      const { data: batch } = await createBatch({
        page: page.key,
        template,
        selection: selectionOf(scope, ids, list),
        priority,
        logEvent,
        attachments: attachments.map((file) => file.id),
        scheduledAt: at,
      }).unwrap();
      toggleNotification({
        type: 'success',
        message: at
          ? t('bulk.scheduled', 'Envoi groupé programmé : {title}.', { title: batch.templateTitle })
          : t('bulk.created', 'Envoi groupé lancé : {title}.', { title: batch.templateTitle }),
      });
      onClose();
      navigate(ROUTES.batch(batch.documentId));
    } catch (e) {
      setError(errorMessage(e));
      setSending(false);
    }
  };

  const chosen = templates?.find((tpl) => tpl.documentId === template);
  const filtered = Object.keys(list.filters).length > 0 || Boolean(list.search);

  return (
    <>
      <Modal.Body>
        <Flex direction="column" alignItems="stretch" gap={5} tag="form" aria-label={t('bulk.form', 'Envoi groupé')} onSubmit={(e: React.FormEvent) => e.preventDefault()}>
          {!templates && !templatesError && (
            <Flex justifyContent="center" padding={6}>
              <Loader small>{t('bulk.templates.loading', 'Chargement des modèles…')}</Loader>
            </Flex>
          )}
          {Boolean(templatesError) && (
            <Alert variant="danger" closeLabel={t('action.close', 'Fermer')} title={t('bulk.templates.error', 'Impossible de charger les modèles de la page')}>
              {errorMessage(templatesError)}
            </Alert>
          )}
          {templates && templates.length === 0 && (
            <Typography textColor="neutral600">{t('bulk.templates.none', 'Aucun modèle de mail n’est paramétré pour cette page.')}</Typography>
          )}
          {templates && templates.length > 0 && !chosen && (
            <Flex direction="column" alignItems="stretch" gap={3}>
              <Typography textColor="neutral600">{t('send.choose', 'Dépliez une famille et choisissez le mail à envoyer.')}</Typography>
              <TemplateChooser templates={templates} onChoose={setTemplate} />
            </Flex>
          )}
          {chosen && (
            <>
              <Flex justifyContent="space-between" alignItems="center" gap={4} wrap="wrap">
                <Typography variant="omega">{t('send.template', 'Mail édité : {title}', { title: chosen.title })}</Typography>
                {templates && templates.length > 1 && (
                  <Button variant="tertiary" size="S" onClick={() => setTemplate(null)} disabled={sending}>
                    {t('send.back', 'Autre mail')}
                  </Button>
                )}
              </Flex>
              <Flex direction="column" alignItems="stretch" gap={2}>
                <Typography variant="pi" fontWeight="bold" textColor="neutral800" id="mm-bulk-scope">
                  {t('bulk.scope', 'Fiches concernées')}
                </Typography>
                <Radio.Group aria-labelledby="mm-bulk-scope" value={scope} onValueChange={(value: string) => setScope(value as Scope)}>
                  <Radio.Item value="selected">
                    {t('bulk.scope.selected', '{count, plural, one {La fiche sélectionnée} other {Les # fiches sélectionnées}}', { count: ids.length })}
                  </Radio.Item>
                  <Radio.Item value="list">
                    {filtered
                      ? t('bulk.scope.list', 'Toutes les fiches de la liste (filtres en cours)')
                      : t('bulk.scope.all', 'Toutes les fiches de la liste (aucun filtre : toute la page « {page} »)', { page: page.page })}
                  </Radio.Item>
                </Radio.Group>
              </Flex>
              {!preflight && !preflightError && (
                <Flex justifyContent="center" padding={4}>
                  <Loader small>{t('bulk.preflight.loading', 'Pré-contrôle en cours…')}</Loader>
                </Flex>
              )}
              {preflightError && (
                <Alert variant="danger" closeLabel={t('action.close', 'Fermer')} title={t('bulk.preflight.error', 'Pré-contrôle impossible')}>
                  {preflightError}
                </Alert>
              )}
              {preflight && <PreflightSummary preflight={preflight} />}
              <Checkbox checked={priority} onCheckedChange={(v: boolean | 'indeterminate') => setPriority(v === true)} disabled={sending}>
                {t('send.priority', 'Envoi prioritaire')}
              </Checkbox>
              <Checkbox checked={logEvent} onCheckedChange={(v: boolean | 'indeterminate') => setLogEvent(v === true)} disabled={sending}>
                {t('send.logEvent', 'Génération événement envoi mail')}
              </Checkbox>
              <AttachmentPicker value={attachments} onChange={setAttachments} disabled={sending} onError={setError} />
              <ScheduleField value={scheduledAt} onChange={setScheduledAt} disabled={sending} />
              {error && (
                <Alert variant="danger" closeLabel={t('action.close', 'Fermer')} title={t('bulk.error', 'L’envoi groupé n’a pas été lancé')} onClose={() => setError(null)} role="alert">
                  {error}
                </Alert>
              )}
            </>
          )}
        </Flex>
      </Modal.Body>
      <Modal.Footer>
        <CancelButton onClick={onClose} />
        <Box>
          <Button onClick={send} loading={sending} disabled={!preflight || preflight.eligible === 0 || preflight.from === null || sending}>
            {scheduledAt === null ? t('send.submit', 'Envoyer') : t('bulk.schedule.submit', 'Programmer')}
          </Button>
        </Box>
      </Modal.Footer>
    </>
  );
};
