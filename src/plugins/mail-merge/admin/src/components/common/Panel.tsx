import type { ReactNode } from 'react';
import { Box, Flex, Typography } from '@strapi/design-system';

/** A white card with a title, as the content-manager's edit view. */
export const Panel = ({ title, subtitle, action, children, label }: { title?: string; subtitle?: ReactNode; action?: ReactNode; children: ReactNode; label?: string }) => (
  <Box tag="section" aria-label={label ?? title} background="neutral0" hasRadius shadow="tableShadow" paddingTop={6} paddingBottom={6} paddingLeft={7} paddingRight={7}>
    <Flex direction="column" alignItems="stretch" gap={4}>
      {(title || action) && (
        <Flex justifyContent="space-between" alignItems="flex-start" gap={4}>
          <Flex direction="column" alignItems="flex-start" gap={1}>
            {title && (
              <Typography variant="delta" tag="h2">
                {title}
              </Typography>
            )}
            {subtitle && (
              <Typography variant="pi" textColor="neutral600">
                {subtitle}
              </Typography>
            )}
          </Flex>
          {action}
        </Flex>
      )}
      {children}
    </Flex>
  </Box>
);
