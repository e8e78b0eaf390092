import type { ReactNode } from 'react';
import { Box, Typography } from '@strapi/design-system';

/** A block under a small capitalised label: the parts of a mail preview, a pre-flight's lists. */
export const LabelledSection = ({ label, children }: { label: ReactNode; children: ReactNode }) => (
  <Box>
    <Box paddingBottom={2}>
      <Typography variant="sigma" textColor="neutral600">
        {label}
      </Typography>
    </Box>
    {children}
  </Box>
);
