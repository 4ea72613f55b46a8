/** 账号与角色 (security admin): accounts, roles, unlock, reset password, disable. */
import { useMutation } from '@tanstack/react-query';
import { Button, Popconfirm, Select, Space, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES } from '../../../../common/auth/roles.ts';
import type { User } from '../../../../common/auth/schemas.ts';
import { api } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { notify } from '../../app/notify.ts';
import { enumLabel, enumOptions } from '../../components/enums.ts';
import { ListTable } from '../../components/ListTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useEditor } from '../../components/useEditor.ts';
import { useList } from '../../components/useList.ts';
import { TempPasswordModal, type TempPassword } from './TempPasswordModal.tsx';
import { UserForm } from './UserForm.tsx';

const isLocked = (u: User) => u.lockedUntil !== null && new Date(u.lockedUntil).getTime() > Date.now();

export function UsersPage() {
  const { t } = useTranslation();
  const list = useList<User>('/api/users', { filterKeys: ['role'] });
  const editor = useEditor<User>();
  const [temp, setTemp] = useState<TempPassword | null>(null);
  const act = useMutation({
    mutationFn: ({ user, action }: { user: User; action: 'unlock' | 'reset-password' | 'disable' | 'enable' }) =>
      action === 'disable' || action === 'enable'
        ? api<User>(`/api/users/${user.id}`, {
            method: 'PATCH',
            body: { disabled: action === 'disable', version: user.version },
          })
        : api<User | TempPassword>(`/api/users/${user.id}/${action}`, { method: 'POST' }),
    onSuccess: (result, { action }) => {
      if (action === 'reset-password') setTemp(result as TempPassword);
      else
        notify.success(
          t(action === 'unlock' ? 'users.unlocked' : action === 'disable' ? 'common.disabledOk' : 'common.enabledOk'),
        );
    },
  });
  const confirm = (title: string, label: string, onConfirm: () => Promise<unknown>, danger = false) => (
    <Popconfirm
      title={title}
      okText={label}
      okButtonProps={{ danger }}
      cancelText={t('common.cancel')}
      onConfirm={onConfirm}
    >
      <Button type="link" size="small" danger={danger}>
        {label}
      </Button>
    </Popconfirm>
  );

  return (
    <>
      <PageHeader title={t('users.title')} description={t('users.description')} />
      <ListTable<User>
        list={list}
        searchPlaceholder={t('users.search')}
        emptyText={t('users.empty')}
        exportName={t('users.title')}
        onCreate={editor.openCreate}
        actionsWidth={260}
        filters={
          <Select
            allowClear
            placeholder={t('fields.role')}
            style={{ width: 150 }}
            options={enumOptions(t, 'role', ROLES)}
            value={list.filters.role}
            onChange={(v?: string) => list.setFilter('role', v)}
          />
        }
        columns={[
          { title: t('fields.username'), dataIndex: 'username', render: (v: string) => <strong>{v}</strong> },
          { title: t('fields.displayName'), dataIndex: 'displayName' },
          { title: t('fields.mobile'), dataIndex: 'mobile', render: (v: string | null) => v ?? t('common.none') },
          {
            title: t('fields.roles'),
            dataIndex: 'roles',
            render: (roles: User['roles']) => (
              <Space size={[0, 4]} wrap>
                {roles.map((r, i) => (
                  <Tag key={i} color={r.role === 'security_admin' || r.role === 'auditor' ? 'purple' : 'red'}>
                    {enumLabel(t, 'role', r.role)}
                    {r.scopeName ? ` · ${r.scopeName}` : ''}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('common.status'),
            key: 'state',
            render: (_v, u) => (
              <Space size={[0, 4]} wrap>
                {u.disabled ? <Tag>{t('common.inactive')}</Tag> : <Tag color="success">{t('common.active')}</Tag>}
                {isLocked(u) && (
                  <Tooltip title={t('users.lockedUntil', { time: formatDateTime(u.lockedUntil) })}>
                    <Tag color="error">{t('users.locked')}</Tag>
                  </Tooltip>
                )}
                {u.mustChangePassword && <Tag color="warning">{t('users.mustChange')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('users.lastLogin'),
            dataIndex: 'lastLoginAt',
            render: (v: string | null) => (v ? formatDateTime(v) : t('users.never')),
          },
        ]}
        rowActions={(u) => (
          <Space size={0} wrap>
            {!u.disabled && (
              <Button type="link" size="small" onClick={() => editor.openEdit(u)}>
                {t('common.edit')}
              </Button>
            )}
            {isLocked(u) && (
              <Button type="link" size="small" onClick={() => act.mutate({ user: u, action: 'unlock' })}>
                {t('users.unlock')}
              </Button>
            )}
            {!u.disabled &&
              confirm(t('users.confirmReset', { name: u.displayName }), t('users.resetPassword'), () =>
                act.mutateAsync({ user: u, action: 'reset-password' }),
              )}
            {u.disabled
              ? confirm(t('common.confirmEnable', { name: u.displayName }), t('common.enable'), () =>
                  act.mutateAsync({ user: u, action: 'enable' }),
                )
              : confirm(
                  t('common.confirmDisable', { name: u.displayName }),
                  t('common.disable'),
                  () => act.mutateAsync({ user: u, action: 'disable' }),
                  true,
                )}
          </Space>
        )}
      />
      <UserForm editor={editor} onCreated={setTemp} />
      <TempPasswordModal value={temp} onClose={() => setTemp(null)} />
    </>
  );
}
