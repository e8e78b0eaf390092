import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Box, Button, Flex, Loader, Modal, Radio, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Shield } from '@strapi/icons';
import { useNotification, useRBAC } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { PERMISSIONS } from '../../constants';
import { usePageOf } from '../../services/pageOf';
import { useConsentApi, type ConsentChannel, type ConsentForm, type ConsentLevel } from '../../services/sending';
import { useErrorMessage } from '../../utils/errors';
import { useT, type Translate } from '../../utils/useT';

const LEVELS: ConsentLevel[] = ['refus', 'interne', 'limite', 'public'];
const CHANNELS: ConsentChannel[] = ['postalAddress', 'landline', 'mobile', 'email'];

const levelLabel = (t: Translate, level: ConsentLevel | null) => {
  switch (level) {
    case 'refus':
      return t('consent.level.refus', 'Refus (0)');
    case 'interne':
      return t('consent.level.interne', 'Interne (1)');
    case 'limite':
      return t('consent.level.limite', 'Limité (2)');
    case 'public':
      return t('consent.level.public', 'Public (3)');
    default:
      return '—';
  }
};

const channelLabel = (t: Translate, channel: ConsentChannel) =>
  ({
    postalAddress: t('consent.channel.postalAddress', 'Adresse postale'),
    landline: t('consent.channel.landline', 'Téléphone fixe'),
    mobile: t('consent.channel.mobile', 'Téléphone portable'),
    email: t('consent.channel.email', 'Adresse électronique'),
  })[channel];

/** The four levels of each channel, their meaning as in the document, « Modifier », and the history. */
const ConsentDialog = ({ page, record, onClose }: { page: string; record: string; onClose: () => void }) => {
  const t = useT();
  const api = useConsentApi();
  const errorMessage = useErrorMessage();
  const { formatDate } = useIntl();
  const { toggleNotification } = useNotification();
  const [form, setForm] = useState<ConsentForm | null>(null);
  const [levels, setLevels] = useState<Record<ConsentChannel, ConsentLevel> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const saved = useRef(false);

  // Once the dialog is gone, « Envoyer un mail » looks again at what the new consent allows (it
  // may disappear, which re-orders the document actions: not while this dialog is open).
  useEffect(
    () => () => {
      if (saved.current) window.setTimeout(() => window.dispatchEvent(new CustomEvent('mail-merge:consent', { detail: { page, record } })), 0);
    },
    [page, record]
  );

  useEffect(() => {
    let cancelled = false;
    api
      .get(page, record)
      .then((f) => !cancelled && (setForm(f), setLevels(f.levels)))
      .catch((e) => !cancelled && setError(errorMessage(e)));
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, page, record]);

  const save = async () => {
    if (!levels) return;
    setSaving(true);
    setError(null);
    try {
      const updated = await api.update(page, record, levels);
      setForm(updated);
      setLevels(updated.levels);
      toggleNotification({ type: 'success', message: t('consent.saved', 'Consentement modifié.') });
      saved.current = true;
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const changed = form && levels && CHANNELS.some((c) => form.levels[c] !== levels[c]);

  return (
    <>
      <Modal.Body>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {error && (
            <Alert variant="danger" closeLabel={t('action.close', 'Fermer')} title={t('consent.error', 'Consentement non modifié')} onClose={() => setError(null)}>
              {error}
            </Alert>
          )}
          {!form && !error && <Loader small>{t('consent.loading', 'Chargement…')}</Loader>}
          {form && levels && (
            <>
              <Typography variant="omega" fontWeight="bold">
                {t('consent.intro', 'Gestion du consentement de l’adhérent à l’utilisation de ces coordonnées (adhésion {label})', { label: form.holder.label })}
              </Typography>
              <Flex direction="column" alignItems="stretch" gap={3} tag="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
                {CHANNELS.map((channel) => (
                  <Flex key={channel} gap={4} alignItems="center" wrap="wrap" data-channel={channel}>
                    <Box minWidth="18rem">
                      <Typography fontWeight="semiBold" id={`mm-consent-${channel}`}>
                        {channelLabel(t, channel)}
                      </Typography>
                    </Box>
                    <Radio.Group
                      aria-labelledby={`mm-consent-${channel}`}
                      value={levels[channel]}
                      onValueChange={(value: string) => setLevels((l) => (l ? { ...l, [channel]: value as ConsentLevel } : l))}
                      disabled={saving}
                      style={{ display: 'flex', gap: '2.4rem', flexDirection: 'row' }}
                    >
                      {LEVELS.map((level) => (
                        <Radio.Item key={level} value={level}>
                          {levelLabel(t, level)}
                        </Radio.Item>
                      ))}
                    </Radio.Group>
                  </Flex>
                ))}
              </Flex>
              <Box background="neutral100" hasRadius padding={4}>
                <Flex direction="column" alignItems="stretch" gap={1}>
                  <Typography variant="pi">{t('consent.meaning.refus', '(0) Refus : la mutuelle n’a pas le droit d’utiliser les coordonnées.')}</Typography>
                  <Typography variant="pi">{t('consent.meaning.interne', '(1) Interne : la mutuelle ne peut utiliser les coordonnées que dans le cadre d’un usage interne (gestion).')}</Typography>
                  <Typography variant="pi">{t('consent.meaning.limite', '(2) Limité : la mutuelle est autorisée à effectuer des communications qui n’entrent pas dans le cadre de la gestion (démarchage, ...).')}</Typography>
                  <Typography variant="pi">{t('consent.meaning.public', '(3) Public : la mutuelle est autorisée à communiquer les coordonnées à des fins commerciales à un organisme tiers.')}</Typography>
                </Flex>
              </Box>
              {levels.email === 'refus' && (
                <Alert variant="warning" closeLabel={t('action.close', 'Fermer')} title={t('consent.refused.title', 'Mail refusé')}>
                  {t('consent.refused', 'L’utilisation de l’adresse électronique est refusée : aucun mail ne peut être envoyé aux membres de l’adhésion.')}
                </Alert>
              )}
              <Box>
                <Typography variant="sigma" textColor="neutral600">
                  {t('consent.history', 'Historique des modifications')}
                </Typography>
                {form.history.length === 0 ? (
                  <Box paddingTop={2}>
                    <Typography variant="pi" textColor="neutral600">
                      {t('consent.history.empty', 'Aucune modification enregistrée.')}
                    </Typography>
                  </Box>
                ) : (
                  <Box paddingTop={2}>
                    <Table colCount={4} rowCount={form.history.length + 1}>
                      <Thead>
                        <Tr>
                          <Th><Typography variant="sigma">{t('consent.history.date', 'Date')}</Typography></Th>
                          <Th><Typography variant="sigma">{t('consent.history.channel', 'Coordonnée')}</Typography></Th>
                          <Th><Typography variant="sigma">{t('consent.history.change', 'Changement')}</Typography></Th>
                          <Th><Typography variant="sigma">{t('consent.history.by', 'Par')}</Typography></Th>
                        </Tr>
                      </Thead>
                      <Tbody>
                        {form.history.map((h, index) => (
                          <Tr key={`${h.createdAt}-${h.channel}-${index}`}>
                            <Td><Typography>{formatDate(h.createdAt, { dateStyle: 'short', timeStyle: 'short' })}</Typography></Td>
                            <Td><Typography>{channelLabel(t, h.channel)}</Typography></Td>
                            <Td><Typography>{`${levelLabel(t, h.oldLevel)} → ${levelLabel(t, h.newLevel)}`}</Typography></Td>
                            <Td><Typography>{h.changedBy ?? '—'}</Typography></Td>
                          </Tr>
                        ))}
                      </Tbody>
                    </Table>
                  </Box>
                )}
              </Box>
            </>
          )}
        </Flex>
      </Modal.Body>
      <Modal.Footer>
        <Button variant="tertiary" onClick={onClose}>
          {t('action.close', 'Fermer')}
        </Button>
        <Button onClick={save} loading={saving} disabled={!changed}>
          {t('consent.submit', 'Modifier')}
        </Button>
      </Modal.Footer>
    </>
  );
};

/**
 * « Gérer les notifications » on the records of a consent-gated page (beneficiaries) and on the
 * adhesion itself: the adhesion's consent levels, for users who may update adhesions (the server
 * checks it again).
 */
export const ConsentAction = ({ model, documentId }: { model: string; documentId?: string }) => {
  const t = useT();
  const { page, isConsentHolder } = usePageOf(model);
  const { allowedActions, isLoading } = useRBAC([
    { action: 'plugin::content-manager.explorer.update', subject: 'api::adhesion.adhesion' },
    ...PERMISSIONS.events,
  ]);
  // On the adhesion itself the server is told `holder`: the record is the membership.
  const pageKey = isConsentHolder ? 'holder' : page?.consentGated ? page.key : null;
  const content = useCallback(
    ({ onClose }: { onClose: () => void }) => (pageKey && documentId ? <ConsentDialog page={pageKey} record={documentId} onClose={onClose} /> : null),
    [pageKey, documentId]
  );
  const mayRead = allowedActions.canSendSingle || allowedActions.canSendBulk || allowedActions.canMessagesRead;
  if (isLoading || !mayRead || !pageKey || !documentId) return null;
  return {
    label: t('consent.action', 'Gérer les notifications'),
    icon: <Shield />,
    dialog: { type: 'modal' as const, title: t('consent.title', 'Notifications & Consentements'), content },
  };
};
