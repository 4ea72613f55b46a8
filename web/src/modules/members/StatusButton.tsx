/** Change a member's status (在岗/暂停/离队) after a confirmation that says what leaving does. */
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Dropdown, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MemberStatus, type Member } from '../../../../common/members/schemas.ts';
import { api, ApiError } from '../../app/api.ts';
import { notify } from '../../app/notify.ts';

export function StatusButton({ member, onChanged }: { member: Member; onChanged: (m: Member) => void }) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<MemberStatus | null>(null);
  const [note, setNote] = useState('');
  const save = useMutation({
    mutationFn: (status: MemberStatus) =>
      api<Member>(`/api/members/${member.id}/status`, {
        method: 'PATCH',
        body: { status, note, version: member.version },
      }),
    onSuccess: (m) => {
      onChanged(m);
      notify.success(t('common.savedOk'));
      setTarget(null);
    },
    onError: (error) => notify.error(error instanceof ApiError ? error.message : String(error)),
  });
  const label = (s: MemberStatus) => t(`members.statuses.${s}`);
  return (
    <>
      <Dropdown
        menu={{
          items: MemberStatus.options
            .filter((s) => s !== member.status)
            .map((s) => ({ key: s, label: label(s), danger: s === 'left' })),
          onClick: ({ key }) => {
            setNote('');
            setTarget(key as MemberStatus);
          },
        }}
      >
        <Button data-testid="member-status">{t('memberPages.changeStatus')}</Button>
      </Dropdown>
      <Modal
        open={target !== null}
        title={target ? t('memberPages.statusConfirm', { name: member.name, status: label(target) }) : ''}
        okText={t('common.ok')}
        okButtonProps={{ danger: target === 'left', loading: save.isPending }}
        onOk={() => target && save.mutate(target)}
        onCancel={() => setTarget(null)}
        destroyOnHidden
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          {target === 'left' && <Alert type="warning" showIcon message={t('memberPages.leftWarning')} />}
          <Input.TextArea
            maxLength={200}
            rows={2}
            placeholder={t('memberPages.statusNote')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </Space>
      </Modal>
    </>
  );
}
