import { useEffect, useRef, useState } from 'react';
import { Alert, Box, Button, Checkbox, Field, Flex, Loader, Modal, TextInput, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import type { Editor } from '@tiptap/react';
import { useComposeMailMutation, useSendMailMutation, type Draft, type UploadedFile } from '../../services/sending';
import { useErrorMessage } from '../../utils/errors';
import { useT } from '../../utils/useT';
import { RichTextEditor } from '../templates/RichTextEditor';
import { CancelButton } from '../common/CancelButton';
import { MailFrame } from '../common/MailFrame';
import { AddressList } from './AddressList';
import { AttachmentPicker } from './AttachmentPicker';

type Props = { page: string; record: string; template: string; onClose: () => void; onBack?: () => void };

/** « Envoyer un mail »: the merged draft, every field editable, then a test send or the real one. */
export const ComposeForm = ({ page, record, template, onClose, onBack }: Props) => {
  const t = useT();
  const [composeMail] = useComposeMailMutation();
  const [sendMail] = useSendMailMutation();
  const errorMessage = useErrorMessage();
  const { toggleNotification } = useNotification();
  const editorRef = useRef<Editor | null>(null);

  const [draft, setDraft] = useState<Draft | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [senderInBcc, setSenderInBcc] = useState(false);
  const [to, setTo] = useState<string[]>([]);
  const [cc, setCc] = useState<string[]>([]);
  const [bcc, setBcc] = useState<string[]>([]);
  const [pending, setPending] = useState({ to: '', cc: '', bcc: '' });
  const [subject, setSubject] = useState('');
  const [html, setHtml] = useState('');
  const [attachments, setAttachments] = useState<UploadedFile[]>([]);
  const [priority, setPriority] = useState(false);
  const [logEvent, setLogEvent] = useState(true);
  const [showPreview, setShowPreview] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const errorRef = useRef<HTMLDivElement | null>(null);
  // The dialog scrolls: a refusal from the server is brought to where the user is looking.
  useEffect(() => {
    if (error) errorRef.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [error]);
  const [busy, setBusy] = useState<'send' | 'test' | null>(null);

  useEffect(() => {
    let cancelled = false;
    composeMail({ page, record, template })
      .unwrap()
      .then(({ data: d }) => {
        if (cancelled) return;
        setDraft(d);
        setFrom(d.from ?? '');
        setTo(d.to ?? []);
        setCc(d.cc ?? []);
        setBcc(d.bcc ?? []);
        setSubject(d.subject ?? '');
        setHtml(d.html ?? '');
        setPriority(Boolean(d.priority));
        setLogEvent(d.logEvent !== false);
      })
      .catch((e) => !cancelled && setLoadError(errorMessage(e)));
    return () => {
      cancelled = true;
    };
  }, [composeMail, errorMessage, page, record, template]);

  /** An address typed but not yet validated with + is still taken. */
  const withPending = (list: string[], value: string) => (value.trim() && !list.includes(value.trim()) ? [...list, value.trim()] : list);

  const submit = async (test: boolean) => {
    setBusy(test ? 'test' : 'send');
    setError(null);
    try {
      const { data: result } = await sendMail({
        page,
        record,
        template,
        from: from.trim(),
        senderInBcc,
        to: withPending(to, pending.to),
        cc: withPending(cc, pending.cc),
        bcc: withPending(bcc, pending.bcc),
        subject,
        html,
        attachments: attachments.map((a) => a.id),
        priority,
        logEvent,
        test,
      }).unwrap();
      if (test) {
        toggleNotification({ type: 'success', message: t('send.test.done', 'Mail de test envoyé à {address}.', { address: from.trim() }) });
      } else {
        toggleNotification({ type: 'success', message: t('send.done', 'Mail mis en file d’envoi : « {subject} ».', { subject: result.subject }) });
        window.dispatchEvent(new CustomEvent('mail-merge:sent', { detail: { page, record } }));
        onClose();
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const disabled = busy !== null;

  return (
    <>
      <Modal.Body>
        {!draft && !loadError && (
          <Flex justifyContent="center" padding={6}>
            <Loader small>{t('send.loading', 'Préparation du mail…')}</Loader>
          </Flex>
        )}
        {loadError && (
          <Alert variant="danger" closeLabel={t('action.close', 'Fermer')} title={t('send.loadError', 'Impossible de préparer le mail')}>
            {loadError}
          </Alert>
        )}
        {draft && (
          <Flex direction="column" alignItems="stretch" gap={4} tag="form" aria-label={t('send.form', 'Mail à envoyer')} onSubmit={(e: React.FormEvent) => e.preventDefault()}>
            <Flex justifyContent="space-between" alignItems="center" gap={4} wrap="wrap">
              <Typography variant="omega">
                {t('send.template', 'Mail édité : {title}', { title: draft.template.title })}
              </Typography>
              <Checkbox checked={priority} onCheckedChange={(v: boolean | 'indeterminate') => setPriority(v === true)} disabled={disabled}>
                {t('send.priority', 'Envoi prioritaire')}
              </Checkbox>
            </Flex>
            {error && (
              <div ref={errorRef}>
                <Alert variant="danger" closeLabel={t('action.close', 'Fermer')} title={t('send.error', 'Le mail n’a pas été envoyé')} onClose={() => setError(null)} role="alert">
                  {error}
                </Alert>
              </div>
            )}
            <Field.Root name="from" required hint={!draft.from ? t('send.from.hint', 'Renseignez votre adresse dans « Mon profil d’envoi » pour ne plus la saisir.') : undefined}>
              <Field.Label>{t('send.from', 'Expéditeur')}</Field.Label>
              <TextInput type="email" value={from} disabled={disabled} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setFrom(e.target.value)} />
              <Field.Hint />
            </Field.Root>
            <Checkbox checked={senderInBcc} onCheckedChange={(v: boolean | 'indeterminate') => setSenderInBcc(v === true)} disabled={disabled}>
              {t('send.senderInBcc', 'Expéditeur & Copie cachée')}
            </Checkbox>
            <AddressList
              name="to"
              label={t('send.to', 'Pour')}
              values={to}
              onChange={setTo}
              pending={pending.to}
              onPendingChange={(v) => setPending((p) => ({ ...p, to: v }))}
              suggestions={draft.defaultRecipients}
              disabled={disabled}
            />
            <AddressList name="cc" label={t('send.cc', 'Copie à')} values={cc} onChange={setCc} pending={pending.cc} onPendingChange={(v) => setPending((p) => ({ ...p, cc: v }))} disabled={disabled} />
            <AddressList name="bcc" label={t('send.bcc', 'Copie cachée')} values={bcc} onChange={setBcc} pending={pending.bcc} onPendingChange={(v) => setPending((p) => ({ ...p, bcc: v }))} disabled={disabled} />
            <Checkbox checked={logEvent} onCheckedChange={(v: boolean | 'indeterminate') => setLogEvent(v === true)} disabled={disabled}>
              {t('send.logEvent', 'Génération événement envoi mail')}
            </Checkbox>
            <Field.Root name="subject" required>
              <Field.Label>{t('send.subject', 'Sujet')}</Field.Label>
              <TextInput value={subject} disabled={disabled} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setSubject(e.target.value)} />
            </Field.Root>
            <Box>
              <Box paddingBottom={1}>
                <Typography variant="pi" fontWeight="bold" textColor="neutral800" id="mm-send-body-label">
                  {t('send.body', 'Corps')}
                </Typography>
              </Box>
              <RichTextEditor initialValue={draft.html} onChange={setHtml} columns={null} editorRef={editorRef} disabled={disabled} labelledBy="mm-send-body-label" />
            </Box>
            <AttachmentPicker value={attachments} onChange={setAttachments} disabled={disabled} onError={setError} />
            <Box>
              <Button variant="tertiary" size="S" onClick={() => setShowPreview((v) => !v)}>
                {showPreview ? t('send.preview.hide', 'Masquer l’aperçu') : t('send.preview', 'Aperçu')}
              </Button>
              {showPreview && (
                <Box paddingTop={2}>
                  <MailFrame title={t('send.preview', 'Aperçu')} html={draft.letterhead.before + html + draft.letterhead.after} height="28rem" />
                </Box>
              )}
            </Box>
          </Flex>
        )}
      </Modal.Body>
      <Modal.Footer>
        <Flex gap={2}>
          <CancelButton onClick={onClose} />
          {onBack && (
            <Button variant="tertiary" onClick={onBack} disabled={disabled}>
              {t('send.back', 'Autre mail')}
            </Button>
          )}
        </Flex>
        <Flex gap={2}>
          <Button variant="secondary" onClick={() => submit(true)} loading={busy === 'test'} disabled={!draft || disabled || !from.trim()}>
            {t('send.test', 'Envoyer un test')}
          </Button>
          <Button onClick={() => submit(false)} loading={busy === 'send'} disabled={!draft || disabled}>
            {t('send.submit', 'Envoyer')}
          </Button>
        </Flex>
      </Modal.Footer>
    </>
  );
};
