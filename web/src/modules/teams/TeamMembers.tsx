/** Members of one team: search, filter by squad/role, change role or squad inline, remove. */
import { useMutation } from '@tanstack/react-query';
import { Button, Popconfirm, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TeamRole, type Membership, type Team } from '../../../../common/teams/schemas.ts';
import { api } from '../../app/api.ts';
import { formatDate } from '../../app/format.ts';
import { notify } from '../../app/notify.ts';
import { enumLabel, enumOptions } from '../../components/enums.ts';
import { ListTable } from '../../components/ListTable.tsx';
import { useList } from '../../components/useList.ts';
import { useOptions } from '../../components/useOptions.ts';
import { AddMemberModal } from './AddMemberModal.tsx';

export function TeamMembers({ team }: { team: Team }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const list = useList<Membership>(`/api/teams/${team.id}/members`, { inUrl: false, filterKeys: ['squadId', 'role'] });
  const squads = useOptions('/api/squads', { teamId: team.id });
  const editable = team.can.update;
  const update = useMutation({
    mutationFn: ({ m, changes }: { m: Membership; changes: Partial<Pick<Membership, 'role' | 'squadId'>> }) =>
      api(`/api/memberships/${m.id}`, { method: 'PATCH', body: { ...changes, version: m.version } }),
    onSuccess: () => notify.success(t('teams.memberUpdated')),
  });
  const leave = useMutation({
    mutationFn: (m: Membership) => api(`/api/memberships/${m.id}`, { method: 'DELETE' }),
    onSuccess: () => notify.success(t('teams.left')),
  });
  const roleOptions = enumOptions(t, 'teamRole', TeamRole.options);
  const squadOptions = [{ value: '', label: t('teams.noSquad') }, ...squads.options];

  return (
    <>
      <ListTable<Membership>
        bare
        list={list}
        searchPlaceholder={t('teams.searchMembers')}
        emptyText={t('teams.membersEmpty')}
        showDisabledToggle={false}
        onCreate={editable ? () => setAdding(true) : undefined}
        createLabel={t('teams.addMember')}
        filters={
          <>
            <Select
              allowClear
              placeholder={t('fields.squadId')}
              style={{ width: 180 }}
              options={squads.options}
              value={list.filters.squadId}
              onChange={(v?: string) => list.setFilter('squadId', v)}
            />
            <Select
              allowClear
              placeholder={t('fields.role')}
              style={{ width: 120 }}
              options={roleOptions}
              value={list.filters.role}
              onChange={(v?: string) => list.setFilter('role', v)}
            />
          </>
        }
        columns={[
          {
            title: t('fields.displayName'),
            dataIndex: 'personName',
            render: (name: string, m) => <Link to={`/people/${m.personId}`}>{name}</Link>,
          },
          {
            title: t('fields.villageId'),
            dataIndex: 'villageName',
            render: (v: string | null) => v ?? t('common.none'),
          },
          { title: t('fields.mobile'), dataIndex: 'mobile', render: (v: string | null) => v ?? t('common.none') },
          {
            title: t('fields.role'),
            dataIndex: 'role',
            render: (role: Membership['role'], m) =>
              editable ? (
                <Select
                  size="small"
                  variant="borderless"
                  value={role}
                  options={roleOptions}
                  style={{ width: 110 }}
                  onChange={(next) => update.mutate({ m, changes: { role: next } })}
                />
              ) : (
                enumLabel(t, 'teamRole', role)
              ),
          },
          {
            title: t('fields.squadId'),
            dataIndex: 'squadId',
            render: (squadId: string | null, m) =>
              editable ? (
                <Select
                  size="small"
                  variant="borderless"
                  value={squadId ?? ''}
                  options={squadOptions}
                  style={{ width: 180 }}
                  onChange={(next: string) => update.mutate({ m, changes: { squadId: next || null } })}
                />
              ) : (
                (m.squadName ?? t('teams.noSquad'))
              ),
          },
          { title: t('teams.joinedAt'), dataIndex: 'joinedAt', render: (v: string) => formatDate(v) },
        ]}
        rowActions={
          editable
            ? (m) => (
                <Popconfirm
                  title={t('teams.confirmLeave', { name: m.personName })}
                  okText={t('teams.leave')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common.cancel')}
                  onConfirm={() => leave.mutateAsync(m)}
                >
                  <Button type="link" size="small" danger>
                    {t('teams.leave')}
                  </Button>
                </Popconfirm>
              )
            : undefined
        }
        actionsWidth={90}
      />
      <AddMemberModal team={team} open={adding} onClose={() => setAdding(false)} squadOptions={squads.options} />
    </>
  );
}
