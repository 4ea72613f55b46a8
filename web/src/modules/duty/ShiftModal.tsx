/** Add a member to a shift, or change, cancel, check in or out the one clicked. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Popconfirm, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { notify } from '../../app/notify.ts';
import { PersonSelect } from './PersonSelect.tsx';
import { STATUS_COLOUR, type RosterRule, type ShiftView, hhmm } from './types.ts';

export interface ShiftTarget {
  workstationId: string;
  date: string;
  shiftKey: string;
  shiftName: string;
  /** The place clicked, or none to add one. */
  shift: ShiftView | null;
}

interface ShiftModalProps {
  target: ShiftTarget | null;
  rule: RosterRule | undefined;
  onClose: () => void;
}

export function ShiftModal({ target, rule, onClose }: ShiftModalProps) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [personId, setPersonId] = useState<string | undefined>();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const shift = target?.shift ?? null;
  const done = async (warnings: string[] = []) => {
    notify.success(t('dutyPages.saved'));
    for (const w of warnings) notify.warning(w);
    await client.invalidateQueries({ queryKey: ['duty'] });
    setPersonId(undefined);
    setError(null);
    onClose();
  };
  const onError = (e: Error) => setError(e.message);
  const save = useMutation({
    mutationFn: () =>
      shift
        ? api<{ warnings: string[] }>(`/api/shifts/${shift.id}`, {
            method: 'PATCH',
            body: { personId, version: shift.version },
          })
        : api<{ warnings: string[] }>('/api/shifts', {
            method: 'POST',
            body: { workstationId: target?.workstationId, date: target?.date, shiftKey: target?.shiftKey, personId },
          }),
    onSuccess: (r) => done(r.warnings),
    onError,
  });
  const act = useMutation({
    mutationFn: (what: 'cancel' | 'in' | 'out') =>
      what === 'cancel'
        ? api(`/api/shifts/${shift?.id}`, { method: 'DELETE' })
        : api(`/api/shifts/${shift?.id}/check-${what}`, {
            method: 'POST',
            ...(what === 'out' ? { body: { handoverNote: note || null } } : {}),
          }),
    onSuccess: () => done(),
    onError,
  });
  const close = () => {
    setPersonId(undefined);
    setError(null);
    onClose();
  };
  return (
    <Modal
      open={!!target}
      title={`${target?.date ?? ''} ${target?.shiftName ?? ''} · ${shift ? t('dutyPages.editShift') : t('dutyPages.addPerson')}`}
      onCancel={close}
      footer={null}
      destroyOnHidden
    >
      {shift && (
        <p>
          <strong>{shift.personName}</strong> {shift.mobile}{' '}
          <Tag color={STATUS_COLOUR[shift.status]}>{t(`enums.shiftStatus.${shift.status}`)}</Tag>
          {shift.checkInAt && <span>↦ {hhmm(shift.checkInAt)}</span>}
          {shift.lateMinutes ? <Tag color="orange">+{shift.lateMinutes}′</Tag> : null}
        </p>
      )}
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="shift-error" />}
      {(!shift || shift.status === 'scheduled') && (
        <Form layout="vertical">
          <Form.Item label={t('dutyPages.person')}>
            <PersonSelect
              value={personId}
              onChange={(v) => setPersonId(typeof v === 'string' ? v : undefined)}
              known={rule?.pool ?? []}
            />
          </Form.Item>
          <Button type="primary" disabled={!personId} loading={save.isPending} onClick={() => save.mutate()}>
            {shift ? t('dutyPages.change') : t('dutyPages.add')}
          </Button>
        </Form>
      )}
      {shift && (
        <Space wrap style={{ marginTop: 16 }}>
          {shift.status === 'scheduled' && (
            <>
              <Button onClick={() => act.mutate('in')}>{t('dutyPages.deskCheckIn')}</Button>
              <Popconfirm title={t('dutyPages.removeConfirm')} onConfirm={() => act.mutate('cancel')}>
                <Button danger>{t('dutyPages.remove')}</Button>
              </Popconfirm>
            </>
          )}
          {shift.status === 'checked_in' && (
            <>
              <Input.TextArea
                rows={2}
                placeholder={t('dutyPages.handoverNote')}
                value={note}
                onChange={(e) => setNote(e.target.value)}
              />
              <Button type="primary" onClick={() => act.mutate('out')}>
                {t('dutyPages.deskCheckOut')}
              </Button>
            </>
          )}
        </Space>
      )}
    </Modal>
  );
}
