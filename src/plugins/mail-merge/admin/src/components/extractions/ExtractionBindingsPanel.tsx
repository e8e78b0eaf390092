import { Alert, Box } from '@strapi/design-system';
import type { Page } from '../../services/pages';
import { useT } from '../../utils/useT';
import { Panel } from '../common/Panel';
import { BindingsTable } from './BindingsTable';

type Props = {
  pages: Page[];
  /** The keys of the pages the extraction is accessible from. */
  value: string[];
  onChange: (next: string[]) => void;
  /** Bound pages whose records the rows cannot match. */
  keyMismatches: string[];
  disabled: boolean;
};

/** « Accessible à partir des pages »: the pages bound to the extraction, warned when its rows match none of their records. */
export const ExtractionBindingsPanel = ({ pages, value, onChange, keyMismatches, disabled }: Props) => {
  const t = useT();
  return (
    <Panel
      title={t('bindings.title', 'Accessible à partir des pages')}
      subtitle={t('bindings.subtitle', 'Les modèles de mail de ces pages peuvent utiliser cette extraction. Enregistrez pour appliquer les changements.')}
    >
      {keyMismatches.length > 0 && (
        <Box paddingBottom={4}>
          <Alert variant="warning" closeLabel={t('action.close', 'Fermer')} title={t('bindings.keyMismatch.title', 'Lignes sans fiche correspondante')}>
            {t('bindings.keyMismatch', 'Les lignes de cette extraction ne correspondent à aucune fiche de : {pages}. Vérifiez la colonne clé (document_id) avant d’enregistrer.', {
              pages: keyMismatches.map((key) => pages.find((p) => p.key === key)?.page ?? key).join(', '),
            })}
          </Alert>
        </Box>
      )}
      <BindingsTable pages={pages} value={value} onChange={onChange} disabled={disabled} />
    </Panel>
  );
};
