import { Flex, Typography } from '@strapi/design-system';
import { SKIP_REASONS, type SkipCounts } from '../../services/batches';
import { skipReasonLabel } from '../../utils/skipReasons';
import { useT } from '../../utils/useT';

/** The records left out of a grouped send, by reason (only the reasons that occur). */
export const SkipCountsList = ({ counts, label }: { counts: SkipCounts; label: string }) => {
  const t = useT();
  const present = SKIP_REASONS.filter((reason) => (counts[reason] ?? 0) > 0);
  if (present.length === 0) {
    return <Typography textColor="neutral600">{t('bulk.skip.none', 'Aucune fiche écartée.')}</Typography>;
  }
  return (
    <Flex tag="ul" direction="column" alignItems="stretch" gap={1} aria-label={label}>
      {present.map((reason) => (
        <Flex tag="li" key={reason} data-reason={reason} justifyContent="space-between" gap={4} background="neutral100" hasRadius paddingLeft={3} paddingRight={3} paddingTop={1} paddingBottom={1}>
          <Typography textColor="neutral800">{skipReasonLabel(t, reason)}</Typography>
          <Typography fontWeight="bold" textColor="neutral800" data-count>
            {counts[reason]}
          </Typography>
        </Flex>
      ))}
    </Flex>
  );
};
