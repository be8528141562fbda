import { Button, Layout, Menu, Select, Skeleton, Space, Typography } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { LanguageSwitch } from '../shell/LanguageSwitch.js';
import { useSession } from '../shell/session.js';
import { useCommand } from './CommandContext.js';
import { ErrorAlert } from './ErrorAlert.js';
import { opsMenuItems, opsMenuKey } from './ops/menu.js';

const MENU = [
  { key: 'dashboard', path: '/command' },
  { key: 'drill', path: '/command/units' },
  { key: 'ledger', path: '/command/ledger' },
  { key: 'lookback', path: '/command/lookbacks' },
  { key: 'campaigns', path: '/command/campaigns' },
  { key: 'reports', path: '/command/reports' },
] as const;

function selectedKey(pathname: string): string {
  const ops = opsMenuKey(pathname);
  if (ops) return ops;
  if (pathname.startsWith('/command/units') || pathname.startsWith('/command/residents')) return 'drill';
  if (pathname.startsWith('/command/lookbacks')) return 'lookback';
  const hit = MENU.find((m) => m.key !== 'dashboard' && pathname.startsWith(m.path));
  return hit?.key ?? 'dashboard';
}

/** The command room's frame: the menu, the campaign chooser, who is signed in, the language. */
export function CommandLayout() {
  const { t } = useTranslation('command');
  const { user, signOut } = useSession();
  const { campaigns, campaignId, chooseCampaign, campaignsError, reloadCampaigns } = useCommand();
  const { pathname } = useLocation();

  return (
    <Layout className="gv-command">
      <Layout.Header className="gv-command__head">
        <Typography.Title level={1} className="gv-command__title">
          {t('common:appName')}
        </Typography.Title>
        <Space wrap size="middle" className="gv-command__tools">
          <label className="gv-command__campaign">
            <span className="gv-command__label">{t('campaign')}</span>
            <Select
              aria-label={t('campaign')}
              value={campaigns ? campaignId : undefined}
              loading={!campaigns && !campaignsError}
              placeholder={t('campaign.none')}
              onChange={chooseCampaign}
              popupMatchSelectWidth={false}
              options={(campaigns ?? []).map((c) => ({ value: c.id, label: c.name }))}
              style={{ minWidth: 240, maxWidth: 420 }}
            />
          </label>
          <Link to="/command/wall">{t('wall')}</Link>
          <span className="gv-command__label" data-testid="signed-in-user">
            {t('signedInAs', { name: user?.displayName ?? '' })}
          </span>
          <LanguageSwitch className="gv-command__lang" />
          <Button onClick={() => void signOut()}>{t('common:logout')}</Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider
          breakpoint="lg"
          collapsedWidth={0}
          theme="light"
          width={180}
          className="gv-command__side"
        >
          <nav aria-label={t('menu.label')}>
            <Menu
              mode="inline"
              selectedKeys={[selectedKey(pathname)]}
              items={[
                ...MENU.map((m) => ({ key: m.key, label: <Link to={m.path}>{t(`menu.${m.key}`)}</Link> })),
                ...opsMenuItems(t),
              ]}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content className="gv-command__body">
          <main>
            <ErrorAlert error={campaignsError} onRetry={reloadCampaigns} />
            <Suspense fallback={<Skeleton active />}>
              <Outlet />
            </Suspense>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
