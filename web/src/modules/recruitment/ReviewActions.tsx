/** Approve (teams, roles, squad) or decline (reason) an application; the first password shown once. */
import { useMutation } from '@tanstack/react-query';
import { Button, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Application } from '../../../../common/members/recruitment.ts';
import { TeamRole } from '../../../../common/teams/schemas.ts';
import { api, ApiError } from '../../app/api.ts';
import { useMe } from '../../app/auth.ts';
import { notify } from '../../app/notify.ts';
import { enumOptions } from '../../components/enums.ts';
import { useOptions } from '../../components/useOptions.ts';

export interface ApproveAnswer {
  username: string;
  temporaryPassword: string | null;
}

/** `onApproved` gets the answer with the first password; the page shows it (this footer unmounts). */
export function ReviewActions({
  application: a,
  onDone,
  onApproved,
}: {
  application: Application;
  onDone: () => void;
  onApproved: (answer: ApproveAnswer) => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const leaderTeams = me.roles.filter((r) => r.role === 'team_leader').map((r) => r.teamId);
  const town = me.roles.some((r) => r.role === 'town_admin');
  const choosable = a.teams.filter((x) => town || leaderTeams.includes(x.id));
  const [mode, setMode] = useState<'approve' | 'decline' | null>(null);
  const [roles, setRoles] = useState<Record<string, string>>({});
  const [picked, setPicked] = useState<string[]>(choosable.map((x) => x.id));
  const [squadId, setSquadId] = useState<string | undefined>();
  const [reason, setReason] = useState('');
  const squads = useOptions('/api/squads', { teamId: picked[0] }, picked.length === 1);
  const fail = (error: unknown) => notify.error(error instanceof ApiError ? error.message : String(error));
  const approve = useMutation({
    mutationFn: () =>
      api<ApproveAnswer>(`/api/applications/${a.id}/approve`, {
        method: 'POST',
        body: {
          teamRoles: picked.map((teamId) => ({ teamId, role: roles[teamId] ?? 'member' })),
          squadId: squadId ?? null,
          version: a.version,
        },
      }),
    onSuccess: (res) => {
      setMode(null);
      onApproved(res);
      onDone();
    },
    onError: fail,
  });
  const decline = useMutation({
    mutationFn: () =>
      api(`/api/applications/${a.id}/decline`, { method: 'POST', body: { reason, version: a.version } }),
    onSuccess: () => {
      setMode(null);
      notify.success(t('common.savedOk'));
      onDone();
    },
    onError: fail,
  });

  return (
    <>
      <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
        <Button danger onClick={() => setMode('decline')} data-testid="application-decline">
          {t('recruitmentPages.decline')}
        </Button>
        <Button type="primary" onClick={() => setMode('approve')} data-testid="application-approve">
          {t('recruitmentPages.approve')}
        </Button>
      </Space>
      <Modal
        open={mode === 'approve'}
        title={t('recruitmentPages.approveTitle')}
        okText={t('recruitmentPages.approve')}
        okButtonProps={{ disabled: picked.length === 0, loading: approve.isPending }}
        onOk={() => approve.mutate()}
        onCancel={() => setMode(null)}
        destroyOnHidden
      >
        <Form layout="vertical">
          <Form.Item label={t('recruitmentPages.teams')}>
            <Select
              mode="multiple"
              value={picked}
              onChange={setPicked}
              options={choosable.map((x) => ({ value: x.id, label: x.name }))}
            />
          </Form.Item>
          {choosable
            .filter((x) => picked.includes(x.id))
            .map((x) => (
              <Form.Item key={x.id} label={t('recruitmentPages.roleIn', { team: x.name })}>
                <Select
                  value={roles[x.id] ?? 'member'}
                  onChange={(v: string) => setRoles({ ...roles, [x.id]: v })}
                  options={enumOptions(t, 'teamRole', TeamRole.options)}
                />
              </Form.Item>
            ))}
          {picked.length === 1 && (
            <Form.Item label={t('recruitmentPages.squad')}>
              <Select allowClear value={squadId} onChange={setSquadId} options={squads.options} />
            </Form.Item>
          )}
        </Form>
      </Modal>
      <Modal
        open={mode === 'decline'}
        title={t('recruitmentPages.declineTitle')}
        okText={t('recruitmentPages.decline')}
        okButtonProps={{ danger: true, disabled: !reason.trim(), loading: decline.isPending }}
        onOk={() => decline.mutate()}
        onCancel={() => setMode(null)}
        destroyOnHidden
      >
        <Input.TextArea
          rows={3}
          maxLength={200}
          placeholder={t('recruitmentPages.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </>
  );
}
