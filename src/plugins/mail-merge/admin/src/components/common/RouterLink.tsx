import type { ReactNode } from 'react';
import { Link } from '@strapi/design-system';
import { NavLink } from 'react-router-dom';

/** A design-system link that navigates inside the admin; clicks do not bubble to the table row. */
export const RouterLink = ({ to, children }: { to: string; children: ReactNode }) => (
  <Link tag={NavLink} to={to} onClick={(event: React.MouseEvent) => event.stopPropagation()}>
    {children}
  </Link>
);
