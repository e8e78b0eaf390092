import { useState } from 'react';
import { Button, Flex, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { ROUTES } from '../../constants';
import { useClearSuppressionMutation, type Suppression } from '../../services/bounces';
import { useErrorMessage } from '../../utils/errors';
import { useT } from '../../utils/useT';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { RouterLink } from '../common/RouterLink';
import { WrappingTable } from '../common/WrappingTable';

type Props = {
  suppressions: Suppression[];
  /** « Module › Page » of a page key. */
  pageLabel: (key: string) => string;
  /** « Lever » is offered (messages-read and a send action). */
  mayClear: boolean;
};

/** The suppressed addresses: why, since when, from which mail; « Lever » on the active ones. */
export const SuppressionsTable = ({ suppressions, pageLabel, mayClear }: Props) => {
  const t = useT();
  const errorMessage = useErrorMessage();
  const { formatDate } = useIntl();
  const { toggleNotification } = useNotification();
  const [clearSuppression, { isLoading }] = useClearSuppressionMutation();
  const [confirming, setConfirming] = useState<Suppression | null>(null);

  const clear = async () => {
    if (!confirming) return;
    try {
      await clearSuppression({ documentId: confirming.documentId }).unwrap();
      toggleNotification({ type: 'success', message: t('suppressions.cleared', 'L’adresse {address} peut de nouveau recevoir des mails.', { address: confirming.address }) });
    } catch (error) {
      toggleNotification({ type: 'danger', message: errorMessage(error) });
    } finally {
      setConfirming(null);
    }
  };

  return (
    <>
      <WrappingTable>
        <Table colCount={5} rowCount={suppressions.length + 1}>
          <Thead>
            <Tr>
              <Th><Typography variant="sigma">{t('suppressions.address', 'Adresse')}</Typography></Th>
              <Th><Typography variant="sigma">{t('suppressions.reason', 'Raison')}</Typography></Th>
              <Th><Typography variant="sigma">{t('suppressions.since', 'En échec depuis le')}</Typography></Th>
              <Th><Typography variant="sigma">{t('suppressions.mail', 'Mail non distribué')}</Typography></Th>
              <Th><Typography variant="sigma">{t('suppressions.state', 'État')}</Typography></Th>
            </Tr>
          </Thead>
          <Tbody>
            {suppressions.map((s) => (
              <Tr key={s.documentId} data-suppression={s.address}>
                <Td><Typography fontWeight="bold">{s.address}</Typography></Td>
                <Td>
                  <Flex direction="column" alignItems="flex-start" gap={1}>
                    <Typography>{s.reason ?? '—'}</Typography>
                    {s.diagnostic && <Typography variant="pi" textColor="neutral500">{s.diagnostic}</Typography>}
                  </Flex>
                </Td>
                <Td><Typography>{formatDate(s.bouncedAt, { dateStyle: 'short', timeStyle: 'short' })}</Typography></Td>
                <Td>
                  <Flex direction="column" alignItems="flex-start" gap={1}>
                    <Typography>{s.templateTitle ?? '—'}</Typography>
                    {s.page && <Typography variant="pi" textColor="neutral500">{pageLabel(s.page)}</Typography>}
                    {s.recordId && (
                      <RouterLink to={`${ROUTES.messages}?record=${encodeURIComponent(s.recordId)}`}>{t('suppressions.recordMails', 'Mails de la fiche')}</RouterLink>
                    )}
                  </Flex>
                </Td>
                <Td>
                  {s.clearedAt ? (
                    <Typography textColor="neutral600">
                      {t('suppressions.clearedBy', 'Levée le {date} par {name}', { date: formatDate(s.clearedAt, { dateStyle: 'short' }), name: s.clearedByName ?? '—' })}
                    </Typography>
                  ) : mayClear ? (
                    <Button variant="secondary" size="S" onClick={() => setConfirming(s)}>
                      {t('suppressions.clear', 'Lever')}
                    </Button>
                  ) : (
                    <Typography textColor="danger600">{t('suppressions.active', 'En échec')}</Typography>
                  )}
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      </WrappingTable>
      <ConfirmDialog
        open={confirming !== null}
        variant="default"
        title={t('suppressions.confirm.title', 'Lever l’échec de cette adresse ?')}
        confirmLabel={t('suppressions.clear', 'Lever')}
        loading={isLoading}
        onConfirm={clear}
        onCancel={() => setConfirming(null)}
      >
        {t('suppressions.confirm.body', 'Les prochains mails à {address} partiront de nouveau. Ne levez l’échec que si l’adresse a été vérifiée.', { address: confirming?.address ?? '' })}
      </ConfirmDialog>
    </>
  );
};
