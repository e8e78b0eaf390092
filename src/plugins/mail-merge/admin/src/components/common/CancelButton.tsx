import { Button } from '@strapi/design-system';
import { useT } from '../../utils/useT';

/** « Annuler » of a modal's footer: closes it, nothing done. */
export const CancelButton = ({ onClick }: { onClick: () => void }) => {
  const t = useT();
  return (
    <Button variant="tertiary" onClick={onClick}>
      {t('action.cancel', 'Annuler')}
    </Button>
  );
};
