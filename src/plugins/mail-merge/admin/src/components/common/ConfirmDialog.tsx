import type { ReactNode } from 'react';
import { Button, Dialog, Flex, Typography } from '@strapi/design-system';
import { WarningCircle } from '@strapi/icons';
import { useT } from '../../utils/useT';

type Props = {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  variant?: 'danger' | 'default';
  loading?: boolean;
  confirmDisabled?: boolean;
};

/** A confirmation dialog (deletions, saves that break templates). */
export const ConfirmDialog = ({ open, title, children, confirmLabel, onConfirm, onCancel, variant = 'danger', loading, confirmDisabled }: Props) => {
  const t = useT();
  return (
    <Dialog.Root open={open} onOpenChange={(isOpen: boolean) => !isOpen && onCancel()}>
      <Dialog.Content>
        <Dialog.Header>{title}</Dialog.Header>
        <Dialog.Body icon={<WarningCircle fill={variant === 'danger' ? 'danger600' : 'warning600'} />}>
          <Flex direction="column" alignItems="stretch" gap={2} width="100%">
            {typeof children === 'string' ? <Typography textAlign="center">{children}</Typography> : children}
          </Flex>
        </Dialog.Body>
        <Dialog.Footer>
          <Dialog.Cancel>
            <Button fullWidth variant="tertiary" onClick={onCancel}>
              {t('action.cancel', 'Annuler')}
            </Button>
          </Dialog.Cancel>
          <Button fullWidth variant={variant === 'danger' ? 'danger-light' : 'default'} onClick={onConfirm} loading={loading} disabled={confirmDisabled}>
            {confirmLabel}
          </Button>
        </Dialog.Footer>
      </Dialog.Content>
    </Dialog.Root>
  );
};
