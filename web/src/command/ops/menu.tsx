import type { TFunction } from 'i18next';
import { Link } from 'react-router-dom';
import { addMessages } from '../../i18n/index.js';
import { messages } from './messages.js';

// The menu names the pages before they are loaded, so the words come with the command room.
addMessages('ops', messages);

const ITEMS = [
  { key: 'ops-orders', path: '/command/ops/orders', label: 'ops:menu.orders' },
  { key: 'ops-notices', path: '/command/ops/notices', label: 'ops:menu.notices' },
  { key: 'ops-sites', path: '/command/ops/sites', label: 'ops:menu.sites' },
] as const;

/** The command menu's group for the field-operations pages (现场调度). */
export function opsMenuItems(t: TFunction) {
  return [
    {
      key: 'ops',
      type: 'group' as const,
      label: t('ops:menu.group'),
      children: ITEMS.map((m) => ({ key: m.key, label: <Link to={m.path}>{t(m.label)}</Link> })),
    },
  ];
}

/** The menu entry of a field-operations page, if the path is one. */
export const opsMenuKey = (pathname: string): string | undefined =>
  ITEMS.find((m) => pathname.startsWith(m.path))?.key;
