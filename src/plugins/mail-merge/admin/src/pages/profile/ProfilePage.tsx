import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Field, Flex, TextInput, Typography } from '@strapi/design-system';
import { Check } from '@strapi/icons';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import type { Editor } from '@tiptap/react';
import { Panel } from '../../components/common/Panel';
import { RichTextEditor } from '../../components/templates/RichTextEditor';
import { useFreshData } from '../../hooks/useFreshData';
import { useGetProfileQuery, useUpdateProfileMutation } from '../../services/sending';
import { useErrorMessage } from '../../utils/errors';
import { useT } from '../../utils/useT';

/** « Mon profil d’envoi »: the current user's own sender address and signature (chapter 2.2). */
export const ProfilePage = () => {
  const t = useT();
  const query = useGetProfileQuery(undefined, { refetchOnMountOrArgChange: true });
  const fresh = useFreshData(query);
  const [updateProfile] = useUpdateProfileMutation();
  const errorMessage = useErrorMessage();
  const { toggleNotification } = useNotification();
  const editorRef = useRef<Editor | null>(null);
  const [loaded, setLoaded] = useState<{ email: string; signature: string } | null>(null);
  const [email, setEmail] = useState('');
  const [signature, setSignature] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const title = t('profile.title', 'Mon profil d’envoi');

  // The form starts from the profile read on opening; later reads (after a save) leave it as typed.
  const profile = loaded ? undefined : fresh?.data;
  useEffect(() => {
    if (!profile) return;
    const value = { email: profile.email ?? '', signature: profile.signature ?? '' };
    setLoaded(value);
    setEmail(value.email);
    setSignature(value.signature);
  }, [profile]);

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const { data: saved } = await updateProfile({ email: email.trim(), signature }).unwrap();
      setEmail(saved.email ?? '');
      toggleNotification({ type: 'success', message: t('profile.saved', 'Profil d’envoi enregistré.') });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  if (!loaded) return query.isError ? <Page.Error /> : <Page.Loading />;

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header
        title={title}
        subtitle={t('profile.subtitle', 'Votre adresse d’expéditeur et votre signature, proposées à chaque envoi de mail.')}
        primaryAction={
          <Button startIcon={<Check />} onClick={save} loading={saving}>
            {t('action.save', 'Enregistrer')}
          </Button>
        }
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {error && (
            <Alert variant="danger" closeLabel={t('action.close', 'Fermer')} title={t('profile.error', 'Profil non enregistré')} onClose={() => setError(null)}>
              {error}
            </Alert>
          )}
          <Panel title={t('profile.card', 'Paramétrage utilisateur')}>
            <Field.Root name="email" required hint={t('profile.email.hint', 'Une adresse d’un domaine autorisé par la mutuelle.')}>
              <Field.Label>{t('profile.email', 'Adresse mail')}</Field.Label>
              <TextInput type="email" value={email} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setEmail(e.target.value)} />
              <Field.Hint />
            </Field.Root>
            <Flex direction="column" alignItems="stretch" gap={1}>
              <Typography variant="pi" fontWeight="bold" id="mm-signature-label" textColor="neutral800">
                {t('profile.signature', 'Signature')}
              </Typography>
              <RichTextEditor initialValue={loaded.signature} onChange={setSignature} columns={null} editorRef={editorRef} labelledBy="mm-signature-label" />
              <Typography variant="pi" textColor="neutral600">
                {t('profile.signature.hint', 'Ajoutée à la fin du corps de chaque mail. Vous pouvez coller celle de votre messagerie et la mettre en forme.')}
              </Typography>
            </Flex>
          </Panel>
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};
