import type { ReactNode } from 'react';
import { Box, Flex, Typography } from '@strapi/design-system';
import { ChevronRight } from '@strapi/icons';
import { Link as RouterLink } from 'react-router-dom';
import { styled } from 'styled-components';

const CardLink = styled(RouterLink)`
  display: block;
  width: 100%;
  text-decoration: none;
  border-radius: ${({ theme }) => theme.borderRadius};
  &:hover > div {
    box-shadow: ${({ theme }) => theme.shadows.tableShadow};
    border-color: ${({ theme }) => theme.colors.primary200};
  }
  &:focus-visible {
    outline: 2px solid ${({ theme }) => theme.colors.primary600};
    outline-offset: 2px;
  }
`;

const IconBox = styled(Flex)`
  svg {
    width: 2rem;
    height: 2rem;
    fill: ${({ theme }) => theme.colors.primary600};
  }
`;

/** A link to one of the plugin's screens, drawn as a card. */
export const HubCard = ({ icon, to, title, description }: { icon: ReactNode; to: string; title: string; description: string }) => (
  <CardLink to={to}>
    <Box background="neutral0" hasRadius shadow="filterShadow" padding={6} height="100%" borderColor="neutral150" borderStyle="solid" borderWidth="1px">
      <Flex gap={4} alignItems="center">
        <IconBox background="primary100" hasRadius padding={3} justifyContent="center">
          {icon}
        </IconBox>
        <Flex direction="column" alignItems="flex-start" gap={1} flex={1}>
          <Typography variant="delta" tag="h3" textColor="neutral800">
            {title}
          </Typography>
          <Typography variant="pi" textColor="neutral600">
            {description}
          </Typography>
        </Flex>
        <ChevronRight fill="neutral500" />
      </Flex>
    </Box>
  </CardLink>
);
