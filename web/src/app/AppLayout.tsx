/** The staff app's frame: side menu per module, header with town, language and user menu. */
import { Layout, Menu, type MenuProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useMe } from './auth.ts';
import { HeaderBar } from './HeaderBar.tsx';
import { MustChangePasswordOffer } from './MustChangePasswordOffer.tsx';
import { findNav, visibleNav } from './nav.tsx';

export function AppLayout() {
  const me = useMe();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const [narrow, setNarrow] = useState(false);
  const current = findNav(pathname);

  const items: MenuProps['items'] = visibleNav(me.permissions).map((group) =>
    group.key === 'home'
      ? { key: '/', icon: group.icon, label: t(group.labelKey) }
      : {
          key: group.key,
          icon: group.icon,
          label: t(group.labelKey),
          children: group.pages.map((page) => ({ key: page.path, label: t(page.labelKey) })),
        },
  );
  const [openKeys, setOpenKeys] = useState<string[]>(() =>
    visibleNav(me.permissions)
      .filter((g) => g.key !== 'home')
      .map((g) => g.key),
  );

  return (
    <Layout className="lx-shell">
      <Layout.Sider
        width={220}
        breakpoint="lg"
        collapsedWidth={narrow ? 0 : 64}
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        onBreakpoint={(broken) => {
          setNarrow(broken);
          setCollapsed(broken);
        }}
        theme="light"
        className="lx-sider"
      >
        <div className="lx-logo" onClick={() => navigate('/')}>
          <span className="lx-logo-mark">连</span>
          {!collapsed && <span className="lx-logo-text">{t('app.brand')}</span>}
        </div>
        <Menu
          mode="inline"
          items={items}
          selectedKeys={[current?.page.path ?? pathname]}
          openKeys={collapsed ? undefined : openKeys}
          onOpenChange={setOpenKeys}
          onClick={({ key }) => {
            navigate(key);
            if (narrow) setCollapsed(true);
          }}
        />
      </Layout.Sider>
      <Layout>
        <HeaderBar />
        <Layout.Content className="lx-content">
          <Outlet />
        </Layout.Content>
        <Layout.Footer className="lx-footer">{t('app.footer')}</Layout.Footer>
      </Layout>
      <MustChangePasswordOffer />
    </Layout>
  );
}
