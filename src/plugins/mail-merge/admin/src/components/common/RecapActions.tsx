import { Button, Flex } from '@strapi/design-system';
import { ArrowLeft, Plus } from '@strapi/icons';
import { Link as ReactRouterLink } from 'react-router-dom';
import { useT } from '../../utils/useT';

type Props = {
  /** The recap (list) this record belongs to. */
  recap: string;
  /** The form of a new record; not offered on that form itself. */
  create?: { to: string; label: string } | null;
};

/** The seed's actions of a record page: « Retour au récapitulatif » and « Ajouter un … ». */
export const RecapActions = ({ recap, create }: Props) => {
  const t = useT();
  return (
    <Flex gap={2}>
      <Button tag={ReactRouterLink} to={recap} variant="tertiary" startIcon={<ArrowLeft />}>
        {t('recap.back', 'Retour au récapitulatif')}
      </Button>
      {create && (
        <Button tag={ReactRouterLink} to={create.to} variant="secondary" startIcon={<Plus />}>
          {create.label}
        </Button>
      )}
    </Flex>
  );
};
