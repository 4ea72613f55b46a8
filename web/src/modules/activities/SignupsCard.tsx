/**
 * 报名与签到: sign-ups per stall with the waiting list, "assign members" for leaders, and the
 * organiser's check-in / check-out of a member on the day; no-shows are marked when it finishes.
 */
import { LoginOutlined, LogoutOutlined, UserAddOutlined } from '@ant-design/icons';
import { Button, Card, Form, Modal, Popconfirm, Segmented, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format.ts';
import { applyFieldErrors } from '../../components/formRules.ts';
import { PersonSelect } from '../duty/PersonSelect.tsx';
import { formatHours, SignupTag } from './labels.tsx';
import type { ActivityDetail, Signup } from './types.ts';
import { useActivityCall, useSignups } from './useActivity.ts';

const FILTERS = ['all', 'signed_up', 'waitlisted', 'attended', 'no_show', 'cancelled'] as const;

export function SignupsCard({ activity }: { activity: ActivityDetail }) {
  const { t } = useTranslation();
  const call = useActivityCall(activity.id);
  const signups = useSignups(activity.id, activity.can.manage);
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>('all');
  const [stallId, setStallId] = useState<string | undefined>();
  const [assigning, setAssigning] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const ops = activity.operations;
  const canAssign = activity.can.manage && ops.includes('assign');

  const rows = (signups.data ?? [])
    .filter((s) => filter === 'all' || s.state === filter)
    .filter((s) => !stallId || (stallId === '-' ? !s.stallId : s.stallId === stallId))
    .sort((a, b) => order(a) - order(b) || (a.waitlistPosition ?? 0) - (b.waitlistPosition ?? 0));

  const act = async (key: string, run: () => Promise<unknown>) => {
    setBusy(key);
    try {
      await run();
    } catch {
      // Shown by the runner.
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card
      variant="borderless"
      title={t('activityPages.signups')}
      extra={
        canAssign && (
          <Button icon={<UserAddOutlined />} onClick={() => setAssigning(true)} data-testid="assign-open">
            {t('activityPages.assign')}
          </Button>
        )
      }
    >
      <div className="lx-toolbar">
        <Segmented
          value={filter}
          onChange={(v) => setFilter(v as (typeof FILTERS)[number])}
          options={FILTERS.map((f) => ({
            value: f,
            label:
              f === 'all'
                ? `${t('common.all')} ${signups.data?.length ?? 0}`
                : `${t(`enums.signupState.${f}`)} ${(signups.data ?? []).filter((s) => s.state === f).length}`,
          }))}
        />
        {activity.stalls.length > 0 && (
          <Select
            allowClear
            placeholder={t('activityPages.filterStall')}
            style={{ width: 200 }}
            value={stallId}
            onChange={(v?: string) => setStallId(v)}
            options={[
              ...activity.stalls.map((s) => ({
                value: s.id,
                label: [s.kindName, s.label].filter(Boolean).join(' · '),
              })),
              { value: '-', label: t('activityPages.noStall') },
            ]}
          />
        )}
      </div>
      <Table<Signup>
        rowKey="id"
        size="middle"
        loading={signups.isFetching}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
        locale={{ emptyText: signups.isError ? signups.error.message : t('activityPages.signupsEmpty') }}
        columns={[
          { title: t('activityPages.person'), dataIndex: 'personName', render: (v: string) => <strong>{v}</strong> },
          {
            title: t('activityPages.stall'),
            dataIndex: 'stallName',
            render: (v: string | null) => v ?? t('activityPages.noStall'),
          },
          {
            title: t('activityPages.team'),
            dataIndex: 'teamName',
            render: (v: string | null) => v ?? t('common.none'),
          },
          {
            title: t('activityPages.mobile'),
            dataIndex: 'mobile',
            render: (v: string | null) => v ?? t('common.none'),
          },
          {
            title: t('common.status'),
            key: 'state',
            render: (_v, s) => <SignupTag state={s.state} position={s.waitlistPosition} />,
          },
          {
            title: t('activityPages.source'),
            dataIndex: 'source',
            render: (v: string) => t(`activityPages.sourceKind.${v}`),
          },
          {
            title: t('activityPages.checkInAt'),
            dataIndex: 'checkInAt',
            render: (v: string | null) => formatDateTime(v).slice(0, 16),
          },
          {
            title: t('activityPages.checkOutAt'),
            dataIndex: 'checkOutAt',
            render: (v: string | null) => formatDateTime(v).slice(0, 16),
          },
          {
            title: t('activityPages.hours'),
            key: 'hours',
            align: 'right',
            render: (_v, s) =>
              s.hours === null ? (
                t('common.none')
              ) : (
                <span>
                  {formatHours(s.hours)}
                  {s.hoursStatus && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {' '}
                      {t(`enums.hoursStatus.${s.hoursStatus}`)}
                    </Typography.Text>
                  )}
                </span>
              ),
          },
          ...(activity.can.manage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  fixed: 'right' as const,
                  render: (_v: unknown, s: Signup) => (
                    <Space size={0}>
                      {ops.includes('check_in') && s.state === 'signed_up' && !s.checkInAt && (
                        <Button
                          type="link"
                          size="small"
                          icon={<LoginOutlined />}
                          loading={busy === `in-${s.id}`}
                          onClick={() =>
                            act(`in-${s.id}`, () =>
                              call(
                                'POST',
                                '/check-in',
                                { personId: s.personId },
                                {
                                  success: t('activityPages.checkedIn', { name: s.personName }),
                                },
                              ),
                            )
                          }
                          data-testid="desk-check-in"
                        >
                          {t('activityPages.checkIn')}
                        </Button>
                      )}
                      {ops.includes('check_out') && s.checkInAt && !s.checkOutAt && (
                        <Button
                          type="link"
                          size="small"
                          icon={<LogoutOutlined />}
                          loading={busy === `out-${s.id}`}
                          onClick={() =>
                            act(`out-${s.id}`, () =>
                              call(
                                'POST',
                                '/check-out',
                                { personId: s.personId },
                                {
                                  success: t('activityPages.checkedOut', { name: s.personName }),
                                },
                              ),
                            )
                          }
                          data-testid="desk-check-out"
                        >
                          {t('activityPages.checkOut')}
                        </Button>
                      )}
                      {['signed_up', 'waitlisted'].includes(s.state) && !s.checkInAt && ops.includes('assign') && (
                        <Popconfirm
                          title={t('activityPages.cancelSignupConfirm', { name: s.personName })}
                          okButtonProps={{ danger: true }}
                          onConfirm={() =>
                            act(`cancel-${s.id}`, () =>
                              call(
                                'POST',
                                `/signups/${s.id}/cancel`,
                                { version: s.version },
                                {
                                  success: t('activityPages.signupCancelled'),
                                },
                              ),
                            )
                          }
                        >
                          <Button type="link" size="small" danger>
                            {t('activityPages.cancelSignup')}
                          </Button>
                        </Popconfirm>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {assigning && <AssignModal activity={activity} onClose={() => setAssigning(false)} />}
    </Card>
  );
}

/** Signed-up first, then the waiting list in order, then attended, no-shows, cancelled. */
function order(s: Signup): number {
  return ['signed_up', 'waitlisted', 'attended', 'no_show', 'cancelled'].indexOf(s.state);
}

function AssignModal({ activity, onClose }: { activity: ActivityDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const call = useActivityCall(activity.id);
  const [form] = Form.useForm<{ stallId?: string; personIds: string[] }>();
  const [saving, setSaving] = useState(false);
  const submit = async (v: { stallId?: string; personIds: string[] }) => {
    setSaving(true);
    try {
      const answer = await call<Signup[]>(
        'POST',
        '/assign',
        { stallId: v.stallId ?? null, personIds: v.personIds },
        { form: true },
      );
      const waiting = answer.filter((s) => s.state === 'waitlisted').length;
      Modal.success({
        title: t('activityPages.assigned', { count: answer.length }),
        content: waiting ? t('activityPages.assignedWaiting', { count: waiting }) : undefined,
      });
      onClose();
    } catch (error) {
      applyFieldErrors(form, error);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('activityPages.assignTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: saving }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        {activity.stalls.length > 0 && (
          <Form.Item name="stallId" label={t('activityPages.stall')} extra={t('activityPages.assignStallHint')}>
            <Select
              allowClear
              options={activity.stalls.map((s) => ({
                value: s.id,
                label: `${[s.kindName, s.label].filter(Boolean).join(' · ')}（${s.taken}${s.capacity ? `/${s.capacity}` : ''}）`,
              }))}
              data-testid="assign-stall"
            />
          </Form.Item>
        )}
        <Form.Item
          name="personIds"
          label={t('activityPages.assignPeople')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <PersonSelect multiple villageId={null} />
        </Form.Item>
        <Typography.Text type="secondary">{t('activityPages.assignHint')}</Typography.Text>
      </Form>
    </Modal>
  );
}
