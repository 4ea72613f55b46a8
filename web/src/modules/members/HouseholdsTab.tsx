/** The households a member looks after (党员联系户): list, add, edit, remove. */
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, InputNumber, Popconfirm, Select, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Household, Member } from '../../../../common/members/schemas.ts';
import { api, ApiError } from '../../app/api.ts';
import { notify } from '../../app/notify.ts';
import { RecordFormDrawer } from '../../components/RecordFormDrawer.tsx';
import { useEditor } from '../../components/useEditor.ts';
import { useOptions } from '../../components/useOptions.ts';

interface Values {
  headName: string;
  villageId?: string | null;
  address?: string | null;
  phone?: string | null;
  membersCount?: number | null;
  notes?: string | null;
}

export function HouseholdsTab({ member }: { member: Member }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const endpoint = `/api/members/${member.id}/households`;
  const list = useQuery({ queryKey: [endpoint], queryFn: () => api<{ items: Household[] }>(endpoint) });
  const villages = useOptions('/api/villages');
  const editor = useEditor<Household>();
  const refresh = () => {
    void client.invalidateQueries({ queryKey: [endpoint] });
    void client.invalidateQueries({ queryKey: ['/api/members', member.id] });
  };
  const remove = useMutation({
    mutationFn: (id: string) => api(`${endpoint}/${id}`, { method: 'DELETE' }),
    onSuccess: refresh,
    onError: (error) => notify.error(error instanceof ApiError ? error.message : String(error)),
  });
  const record = editor.record;
  return (
    <>
      {member.can.update && (
        <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={editor.openCreate}>
          {t('memberPages.householdAdd')}
        </Button>
      )}
      <Table<Household>
        rowKey="id"
        size="small"
        loading={list.isPending}
        pagination={false}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('memberPages.noHouseholds') }}
        columns={[
          { title: t('memberPages.headName'), dataIndex: 'headName' },
          { title: t('fields.villageId'), dataIndex: 'villageName' },
          { title: t('memberPages.address'), dataIndex: 'address' },
          { title: t('memberPages.phone'), dataIndex: 'phone' },
          { title: t('memberPages.membersCount'), dataIndex: 'membersCount' },
          { title: t('fields.notes'), dataIndex: 'notes' },
          ...(member.can.update
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 140,
                  render: (_v: unknown, h: Household) => (
                    <Space>
                      <Button type="link" size="small" onClick={() => editor.openEdit(h)}>
                        {t('common.edit')}
                      </Button>
                      <Popconfirm title={t('memberPages.householdRemove')} onConfirm={() => remove.mutate(h.id)}>
                        <Button type="link" size="small" danger>
                          {t('memberPages.remove')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <RecordFormDrawer<Values>
        open={editor.open}
        title={record ? t('memberPages.householdEdit') : t('memberPages.householdAdd')}
        onClose={editor.close}
        successMessage={t('common.savedOk')}
        initialValues={
          record
            ? {
                headName: record.headName,
                villageId: record.villageId,
                address: record.address,
                membersCount: record.membersCount,
                notes: record.notes,
              }
            : { villageId: member.villageId }
        }
        onSubmit={async (values) => {
          const body = { ...values, phone: values.phone || undefined };
          if (record)
            await api(`${endpoint}/${record.id}`, { method: 'PATCH', body: { ...body, version: record.version } });
          else await api(endpoint, { method: 'POST', body });
          refresh();
        }}
      >
        <Form.Item name="headName" label={t('memberPages.headName')} rules={[{ required: true, max: 30 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="villageId" label={t('fields.villageId')}>
          <Select allowClear options={villages.options} />
        </Form.Item>
        <Form.Item name="address" label={t('memberPages.address')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="phone" label={t('memberPages.phone')} extra={record?.phone ? record.phone : undefined}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="membersCount" label={t('memberPages.membersCount')}>
          <InputNumber min={1} max={50} />
        </Form.Item>
        <Form.Item name="notes" label={t('fields.notes')}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </RecordFormDrawer>
    </>
  );
}
