/** 摊位: the activity's stalls with their team, member places and results; add, edit, remove. */
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { colourHex } from '../../components/ColourTag.tsx';
import { applyFieldErrors } from '../../components/formRules.ts';
import { useOptions } from '../../components/useOptions.ts';
import { placesText } from './labels.tsx';
import { useStallKinds } from './StallFields.tsx';
import type { ActivityDetail, Stall } from './types.ts';
import { useActivityCall } from './useActivity.ts';

interface StallValues {
  kind: string;
  teamId?: string | null;
  capacity: number;
  label?: string;
}

export function StallsCard({ activity }: { activity: ActivityDetail }) {
  const { t } = useTranslation();
  const call = useActivityCall(activity.id);
  const [editing, setEditing] = useState<Stall | 'new' | null>(null);
  const editable = activity.can.manage && activity.operations.includes('edit');

  return (
    <Card
      variant="borderless"
      title={t('activityPages.stalls')}
      extra={
        editable && (
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="add-stall">
            {t('activityPages.addStall')}
          </Button>
        )
      }
    >
      <Table<Stall>
        rowKey="id"
        size="middle"
        pagination={false}
        dataSource={activity.stalls}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('activityPages.stallsEmpty')} />,
        }}
        columns={[
          {
            title: t('activityPages.stallKind'),
            key: 'kind',
            render: (_v, s) => (
              <span data-testid="stall-name">
                <strong>{s.kindName}</strong>
                {s.label ? ` · ${s.label}` : ''}
              </span>
            ),
          },
          {
            title: t('activityPages.stallTeam'),
            key: 'team',
            render: (_v, s) =>
              s.teamName ? (
                <Tag color={s.teamColor ? colourHex(s.teamColor) : undefined} variant="solid">
                  {s.teamName}
                </Tag>
              ) : (
                t('common.none')
              ),
          },
          { title: t('activityPages.slots'), key: 'places', align: 'right', render: (_v, s) => placesText(t, s) },
          { title: t('activityPages.attended'), dataIndex: 'attended', align: 'right' },
          {
            title: t('activityPages.served'),
            dataIndex: 'served',
            align: 'right',
            render: (v: number | null) => v ?? t('common.none'),
          },
          {
            title: t('activityPages.deeds'),
            dataIndex: 'deeds',
            align: 'right',
            render: (v: number | null) => v ?? t('common.none'),
          },
          ...(editable
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 120,
                  render: (_v: unknown, s: Stall) => (
                    <Space size={0}>
                      <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(s)}>
                        {t('common.edit')}
                      </Button>
                      <Popconfirm
                        title={t('activityPages.removeStallConfirm', { name: s.kindName })}
                        okButtonProps={{ danger: true }}
                        onConfirm={() =>
                          call('DELETE', `/stalls/${s.id}`, undefined, {
                            success: t('activityPages.stallRemoved'),
                          }).catch(() => undefined)
                        }
                      >
                        <Button
                          type="link"
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('activityPages.remove')}
                        />
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <StallModal activity={activity} stall={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </Card>
  );
}

function StallModal({
  activity,
  stall,
  onClose,
}: {
  activity: ActivityDetail;
  stall: Stall | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const call = useActivityCall(activity.id);
  const [form] = Form.useForm<StallValues>();
  const [saving, setSaving] = useState(false);
  const kinds = useStallKinds();
  const teams = useOptions('/api/teams');

  const submit = async (v: StallValues) => {
    setSaving(true);
    const body = { kind: v.kind, teamId: v.teamId ?? null, capacity: v.capacity, label: v.label ?? null };
    try {
      if (stall)
        await call(
          'PATCH',
          `/stalls/${stall.id}`,
          { ...body, version: stall.version },
          { form: true, success: t('common.savedOk') },
        );
      else await call('POST', '/stalls', body, { form: true, success: t('activityPages.stallAdded') });
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
      title={stall ? t('activityPages.editStall') : t('activityPages.addStall')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: saving, id: 'stall-submit' }}
      destroyOnHidden
    >
      <Form<StallValues>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={
          stall
            ? { kind: stall.kind, teamId: stall.teamId, capacity: stall.capacity ?? 4, label: stall.label ?? undefined }
            : { capacity: 4, teamId: activity.teams[0]?.id }
        }
      >
        <Form.Item
          name="kind"
          label={t('activityPages.stallKind')}
          rules={[{ required: true, message: t('activityPages.stallKindRequired') }]}
        >
          <Select options={kinds.options} loading={kinds.loading} data-testid="stall-kind" />
        </Form.Item>
        <Form.Item name="teamId" label={t('activityPages.stallTeam')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={teams.options}
            data-testid="stall-team"
          />
        </Form.Item>
        <Form.Item
          name="capacity"
          label={t('activityPages.slots')}
          extra={t('activityPages.slotsHint')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <InputNumber min={1} max={100} precision={0} style={{ width: 160 }} data-testid="stall-capacity" />
        </Form.Item>
        <Form.Item name="label" label={t('activityPages.stallLabel')} rules={[{ max: 40 }]}>
          <Input maxLength={40} placeholder={t('activityPages.stallLabelHint')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
