/** Top bar: town and platform name, language switch, the user's menu. */
import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Dropdown, Layout, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe, useSignOut } from './auth.ts';
import { ChangePasswordModal } from './ChangePasswordModal.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { NotificationBell } from './NotificationBell.tsx';
import { notify } from './notify.ts';

export function HeaderBar() {
  const me = useMe();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const [changing, setChanging] = useState(false);
  const roleNames = me.roles.map((r) => t(`enums.role.${r.role}`) + (r.scopeName ? ` · ${r.scopeName}` : ''));

  return (
    <Layout.Header className="lx-header">
      <Typography.Text strong className="lx-header-title" ellipsis>
        {t('app.townPlatform', { town: me.town.name })}
      </Typography.Text>
      <Space size="middle">
        <NotificationBell />
        <LanguageSwitch signedIn />
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              { key: 'roles', label: roleNames.join('，'), disabled: true },
              { type: 'divider' },
              { key: 'password', icon: <KeyOutlined />, label: t('auth.changePassword') },
              { key: 'logout', icon: <LogoutOutlined />, label: t('auth.signOut'), danger: true },
            ],
            onClick: async ({ key }) => {
              if (key === 'password') setChanging(true);
              if (key === 'logout') {
                await signOut();
                notify.success(t('auth.signedOut'));
                navigate('/login', { replace: true });
              }
            },
          }}
        >
          <Space className="lx-user" data-testid="user-menu">
            <Avatar size="small" icon={<UserOutlined />} className="lx-avatar" />
            <span className="lx-user-name">{me.user.displayName}</span>
            <DownOutlined style={{ fontSize: 10 }} />
          </Space>
        </Dropdown>
      </Space>
      <ChangePasswordModal open={changing} onClose={() => setChanging(false)} />
    </Layout.Header>
  );
}
