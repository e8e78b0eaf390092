import { useEffect, useState } from 'react';
import { Alert, Button, Flex } from '@strapi/design-system';
import { Check } from '@strapi/icons';
import { BackButton, Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { useParams } from 'react-router-dom';
import { Panel } from '../../components/common/Panel';
import { ChangeHistory } from '../../components/notifications/ChangeHistory';
import { ConsentLevels } from '../../components/notifications/ConsentLevels';
import { CHANNELS } from '../../components/notifications/labels';
import { NotificationChoices } from '../../components/notifications/NotificationChoices';
import { CONSENT_LEVEL } from '../../constants';
import { useFreshData } from '../../hooks/useFreshData';
import { useGetConsentQuery, useUpdateConsentMutation, type ConsentChannel, type ConsentForm, type ConsentLevel, type NotificationChannel } from '../../services/sending';
import { useErrorMessage } from '../../utils/errors';
import { useT } from '../../utils/useT';

/**
 * « Notifications & Consentements » (chapter 1.3 of the document): the membership's consent to the
 * use of each contact detail, the notifications the mutual offers with the member's chosen
 * channels, then « Modifier », and every change with who made it. Opened from an adhesion or from
 * one of its beneficiaries; the server checks the right to update adhesions.
 */
const sameChannels = (a: NotificationChannel[], b: NotificationChannel[]) => a.length === b.length && a.every((c) => b.includes(c));

export const NotificationsPage = () => {
  const t = useT();
  const { page = '', documentId = '' } = useParams<{ page: string; documentId: string }>();
  const consent = useGetConsentQuery({ page, documentId }, { refetchOnMountOrArgChange: true });
  const fresh = useFreshData(consent);
  const [updateConsent] = useUpdateConsentMutation();
  const errorMessage = useErrorMessage();
  const { toggleNotification } = useNotification();
  const [form, setForm] = useState<ConsentForm | null>(null);
  const [levels, setLevels] = useState<Record<ConsentChannel, ConsentLevel> | null>(null);
  const [chosen, setChosen] = useState<Record<string, NotificationChannel[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const title = t('consent.title', 'Notifications & Consentements');

  const show = (loaded: ConsentForm) => {
    setForm(loaded);
    setLevels(loaded.levels);
    setChosen(Object.fromEntries((loaded.notifications ?? []).map((n) => [n.code, n.chosen])));
  };

  // Shown as read since the page opened: on opening, then again after « Modifier » (its tag).
  useEffect(() => {
    if (fresh) show(fresh.data);
  }, [fresh]);

  const save = async () => {
    if (!levels) return;
    setSaving(true);
    setError(null);
    try {
      const changedChoices = Object.fromEntries(Object.entries(chosen).filter(([code, channels]) => !sameChannels(original[code] ?? [], channels)));
      const { data: updated } = await updateConsent({
        page,
        documentId,
        body: { levels, ...(Object.keys(changedChoices).length > 0 ? { notifications: changedChoices } : {}) },
      }).unwrap();
      show(updated);
      toggleNotification({ type: 'success', message: t('consent.saved', 'Consentement modifié.') });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  // A failed read replaces the page only while nothing is shown yet.
  const loadError = consent.error && !form ? errorMessage(consent.error) : null;
  if (loadError) {
    return (
      <Page.Main>
        <Layouts.Header navigationAction={<BackButton />} title={title} />
        <Layouts.Content>
          <Alert variant="danger" closeLabel={t('action.close', 'Fermer')} title={t('consent.error.load', 'Consentement indisponible')}>
            {loadError}
          </Alert>
        </Layouts.Content>
      </Page.Main>
    );
  }
  if (!form || !levels) return <Page.Loading />;

  const original = Object.fromEntries((form.notifications ?? []).map((n) => [n.code, n.chosen]));
  const changed =
    CHANNELS.some((channel) => form.levels[channel] !== levels[channel]) ||
    Object.entries(chosen).some(([code, channels]) => !sameChannels(original[code] ?? [], channels));
  const typeLabel = (code: string) => form.notifications?.find((n) => n.code === code)?.label ?? code;

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        navigationAction={<BackButton />}
        title={title}
        subtitle={t('consent.subtitle', 'Adhésion {label}', { label: form.holder.label })}
        primaryAction={
          <Button startIcon={<Check />} onClick={save} loading={saving} disabled={!changed}>
            {t('consent.submit', 'Modifier')}
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {error && (
            <Alert variant="danger" closeLabel={t('action.close', 'Fermer')} title={t('consent.error', 'Consentement non modifié')} onClose={() => setError(null)}>
              {error}
            </Alert>
          )}
          {levels.email === CONSENT_LEVEL.refus && (
            <Alert variant="warning" closeLabel={t('action.close', 'Fermer')} title={t('consent.refused.title', 'Mail refusé')}>
              {t('consent.refused', 'L’utilisation de l’adresse électronique est refusée : aucun mail ne peut être envoyé aux membres de l’adhésion.')}
            </Alert>
          )}
          <Panel title={t('consent.intro', 'Gestion du consentement de l’adhérent à l’utilisation de ces coordonnées (adhésion {label})', { label: form.holder.label })}>
            <ConsentLevels levels={levels} onChange={(channel, level) => setLevels((l) => (l ? { ...l, [channel]: level } : l))} disabled={saving} />
          </Panel>
          {form.notifications && (
            <Panel
              title={t('notifications.title', 'Liste des notifications disponibles')}
              subtitle={t('notifications.subtitle', 'Paramétrage de la mutuelle (non modifiable ici) et canaux choisis par l’adhérent.')}
            >
              <NotificationChoices
                settings={form.notifications}
                chosen={chosen}
                onChange={(code, channels) => setChosen((c) => ({ ...c, [code]: channels }))}
                disabled={saving}
              />
            </Panel>
          )}
          <Panel title={t('consent.history', 'Historique des modifications')}>
            <ChangeHistory history={form.history} typeLabel={typeLabel} />
          </Panel>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};
