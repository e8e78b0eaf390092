import { Button, Flex, Typography } from '@strapi/design-system';
import { Duplicate, Trash } from '@strapi/icons';
import { useT } from '../../utils/useT';
import { Panel } from '../common/Panel';

/** The saved template's actions: « Dupliquer vers une autre page », « Supprimer le mail », and its version. */
export const TemplateActionsPanel = ({ version, canManage, onDuplicate, onDelete }: { version: number; canManage: boolean; onDuplicate: () => void; onDelete: () => void }) => {
  const t = useT();
  return (
    <Panel title={t('template.actions', 'Actions')}>
      <Flex direction="column" alignItems="stretch" gap={2}>
        {canManage && (
          <Button variant="secondary" startIcon={<Duplicate />} onClick={onDuplicate} fullWidth>
            {t('duplicate.title', 'Dupliquer vers une autre page')}
          </Button>
        )}
        {canManage && (
          <Button variant="danger-light" startIcon={<Trash />} onClick={onDelete} fullWidth>
            {t('template.delete', 'Supprimer le mail')}
          </Button>
        )}
        <Typography variant="pi" textColor="neutral600">
          {t('template.version', 'Version {version}', { version })}
        </Typography>
      </Flex>
    </Panel>
  );
};
