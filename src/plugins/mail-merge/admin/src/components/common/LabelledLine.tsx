import type { ReactNode } from 'react';
import { Box, Flex, Typography } from '@strapi/design-system';

/** One « label : value » line of a mail's header block (preview, sent-mail detail). */
export const LabelledLine = ({ label, labelWidth, children }: { label: string; labelWidth: string; children: ReactNode }) => (
  <Flex gap={3} alignItems="baseline">
    <Box minWidth={labelWidth}>
      <Typography variant="sigma" textColor="neutral600">
        {label}
      </Typography>
    </Box>
    <Typography textColor="neutral800">{children}</Typography>
  </Flex>
);
