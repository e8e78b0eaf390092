import type { HTMLAttributes } from 'react';
import { Badge, type BadgeProps } from '@strapi/design-system';
import { useT } from '../../utils/useT';

/** How one status reads: its translation (id and French default) and its colours. */
export type StatusLook = { id: string; label: string; text: BadgeProps['textColor']; background: BadgeProps['backgroundColor'] };

type Props = HTMLAttributes<HTMLDivElement> & { looks: Readonly<Record<string, StatusLook>>; status: string };

/**
 * A status as a coloured badge (a mail's, a grouped send's). A status the map does not know, as a
 * newer server may send, is shown as it is rather than hidden.
 */
export const StatusLabel = ({ looks, status, ...attributes }: Props) => {
  const t = useT();
  const look: StatusLook | undefined = looks[status];
  if (!look) return <Badge {...attributes}>{status}</Badge>;
  return (
    <Badge textColor={look.text} backgroundColor={look.background} {...attributes}>
      {t(look.id, look.label)}
    </Badge>
  );
};
