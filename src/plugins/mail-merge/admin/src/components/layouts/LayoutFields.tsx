import { Checkbox, Field, Flex, Grid, Textarea, TextInput } from '@strapi/design-system';
import type { LayoutErrors } from '../../hooks/useLayoutForm';
import type { LayoutInput, LayoutLogo } from '../../services/layouts';
import { useT } from '../../utils/useT';
import { Panel } from '../common/Panel';
import { ColorField } from './ColorField';
import { LogoPicker } from './LogoPicker';

type Props = {
  form: LayoutInput;
  set: <K extends keyof LayoutInput>(key: K, value: LayoutInput[K]) => void;
  logo: LayoutLogo | null;
  onLogo: (logo: LayoutLogo | null) => void;
  errors: LayoutErrors;
  disabled: boolean;
};

type TextKey = 'footerAddress' | 'footerLegal' | 'footerGdpr';

/** « Mise en page »: the name, the header, the footer texts, the colours, the default flag. */
export const LayoutFields = ({ form, set, logo, onLogo, errors, disabled }: Props) => {
  const t = useT();
  const footer: [TextKey, string, string][] = [
    ['footerAddress', t('layout.field.footerAddress', 'Adresse'), t('layout.footerAddress.hint', 'Les retours à la ligne sont conservés.')],
    ['footerLegal', t('layout.field.footerLegal', 'Mentions légales'), t('layout.footer.hint', 'HTML simple accepté (liens, gras).')],
    ['footerGdpr', t('layout.field.footerGdpr', 'Utilisation des coordonnées (RGPD)'), t('layout.footerGdpr.hint', 'La mention sur l’usage des coordonnées de l’adhérent et ses droits.')],
  ];
  return (
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Panel title={t('layout.card', 'Mise en page')}>
        <Field.Root name="name" required error={errors.name}>
          <Field.Label>{t('layout.field.name', 'Nom')}</Field.Label>
          <TextInput value={form.name} disabled={disabled} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('name', e.target.value)} />
          <Field.Error />
        </Field.Root>
        <Checkbox checked={form.isDefault} disabled={disabled} onCheckedChange={(v: boolean | 'indeterminate') => set('isDefault', v === true)}>
          {t('layout.field.isDefault', 'Mise en page par défaut (des mails qui n’en choisissent pas)')}
        </Checkbox>
      </Panel>
      <Panel title={t('layout.header', 'En-tête')}>
        <LogoPicker value={logo} onChange={onLogo} error={errors.logo} disabled={disabled} />
        <Field.Root name="headerTitle" error={errors.headerTitle} hint={t('layout.headerTitle.hint', 'Le nom affiché sous le logo, et son texte de remplacement.')}>
          <Field.Label>{t('layout.field.headerTitle', 'Nom de la mutuelle')}</Field.Label>
          <TextInput value={form.headerTitle} disabled={disabled} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('headerTitle', e.target.value)} />
          <Field.Hint />
          <Field.Error />
        </Field.Root>
      </Panel>
      <Panel title={t('layout.footer', 'Pied de page')}>
        {footer.map(([key, label, hint]) => (
          <Field.Root key={key} name={key} error={errors[key]} hint={hint}>
            <Field.Label>{label}</Field.Label>
            <Textarea value={form[key]} disabled={disabled} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => set(key, e.target.value)} />
            <Field.Hint />
            <Field.Error />
          </Field.Root>
        ))}
      </Panel>
      <Panel title={t('layout.colors', 'Couleurs')}>
        <Grid.Root gap={4}>
          {(
            [
              ['primaryColor', t('layout.field.primaryColor', 'Couleur principale')],
              ['textColor', t('layout.field.textColor', 'Couleur du texte')],
              ['backgroundColor', t('layout.field.backgroundColor', 'Couleur du fond')],
            ] as const
          ).map(([key, label]) => (
            <Grid.Item key={key} col={4} s={12} direction="column" alignItems="stretch">
              <ColorField name={key} label={label} value={form[key]} onChange={(value) => set(key, value)} error={errors[key]} disabled={disabled} />
            </Grid.Item>
          ))}
        </Grid.Root>
      </Panel>
    </Flex>
  );
};
