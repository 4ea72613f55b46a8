/** 摊位类型: the stall kinds of the town's service days; the town admin adds, renames and disables them. */
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { StallKindInput } from '../../../../common/activities/schemas.ts';
import { ApiError, api } from '../../app/api.ts';
import { useCan, useMe } from '../../app/auth.ts';
import { notify } from '../../app/notify.ts';
import { applyFieldErrors, zodRule } from '../../components/formRules.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useEditor } from '../../components/useEditor.ts';
import { STALL_KINDS, type StallKind } from './types.ts';

const S = StallKindInput.shape;
type Values = z.input<typeof StallKindInput>;

/** Enable/disable switch, confirmed; sends the row's version (a stale one is a 409, reloaded). */
function EnabledSwitch({ kind, editable }: { kind: StallKind; editable: boolean }) {
  const { t } = useTranslation();
  const toggle = useMutation({
    mutationFn: (disabled: boolean) =>
      api<StallKind>(`${STALL_KINDS}/${kind.id}`, { method: 'PATCH', body: { disabled, version: kind.version } }),
    onSuccess: (_data, disabled) => notify.success(disabled ? t('common.disabledOk') : t('common.enabledOk')),
  });
  if (!editable)
    return kind.disabled ? <Tag>{t('common.inactive')}</Tag> : <Tag color="success">{t('common.active')}</Tag>;
  return (
    <Popconfirm
      title={
        kind.disabled
          ? t('stallKinds.confirmEnable', { name: kind.name })
          : t('stallKinds.confirmDisable', { name: kind.name })
      }
      okText={kind.disabled ? t('common.enable') : t('common.disable')}
      okButtonProps={{ danger: !kind.disabled }}
      cancelText={t('common.cancel')}
      onConfirm={() => toggle.mutateAsync(!kind.disabled).catch(() => undefined)}
    >
      <Switch
        size="small"
        checked={!kind.disabled}
        loading={toggle.isPending}
        checkedChildren={t('common.enable')}
        unCheckedChildren={t('common.disable')}
        aria-label={kind.disabled ? t('common.enable') : t('common.disable')}
      />
    </Popconfirm>
  );
}

function StallKindModal({ record, open, onClose }: { record: StallKind | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (values: Values) =>
      record
        ? api<StallKind>(`${STALL_KINDS}/${record.id}`, {
            method: 'PATCH',
            body: { name: values.name, sort: values.sort, version: record.version },
          })
        : api<StallKind>(STALL_KINDS, { method: 'POST', body: values }),
  });

  const submit = async (values: Values) => {
    try {
      await save.mutateAsync(values);
      notify.success(record ? t('common.savedOk') : t('common.createdOk'));
      onClose();
    } catch (error) {
      // Someone else changed it meanwhile: the list is reloaded (and a warning shown); start again from it.
      if (error instanceof ApiError && error.code === 'STALE_VERSION') onClose();
      else applyFieldErrors(form, error);
    }
  };

  return (
    <Modal
      open={open}
      title={record ? t('stallKinds.editTitle') : t('stallKinds.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
      maskClosable={false}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={record ? { code: record.code, name: record.name, sort: record.sort } : { sort: 0 }}
        onFinish={submit}
      >
        <Form.Item name="name" label={t('stallKinds.name')} required rules={[zodRule(t, S.name)]}>
          <Input maxLength={20} placeholder={t('stallKinds.namePlaceholder')} autoFocus />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('stallKinds.code')}
          extra={record ? t('stallKinds.codeFixed') : t('stallKinds.codeHelp')}
          required={!record}
          rules={record ? [] : [zodRule(t, S.code)]}
        >
          <Input maxLength={32} placeholder="massage" disabled={Boolean(record)} />
        </Form.Item>
        <Form.Item name="sort" label={t('fields.sort')} extra={t('stallKinds.sortHelp')} rules={[zodRule(t, S.sort)]}>
          <InputNumber min={0} max={9999} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function StallKindsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const me = useMe();
  // Stall kinds belong to the whole town: only a town admin may change them (the server checks too).
  const editable = can('activities.manage') && me.roles.some((r) => r.role === 'town_admin');
  const editor = useEditor<StallKind>();
  const [q, setQ] = useState('');
  const kinds = useQuery({ queryKey: [STALL_KINDS], queryFn: () => api<StallKind[]>(STALL_KINDS) });

  const needle = q.trim().toLowerCase();
  const rows = (kinds.data ?? []).filter(
    (k) => !needle || k.name.toLowerCase().includes(needle) || k.code.includes(needle),
  );

  const empty = (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={needle ? t('common.emptyFiltered') : t('stallKinds.empty')}
    >
      {!needle && editable && (
        <Button type="primary" icon={<PlusOutlined />} onClick={editor.openCreate}>
          {t('stallKinds.create')}
        </Button>
      )}
    </Empty>
  );

  return (
    <>
      <PageHeader title={t('stallKinds.title')} description={t('stallKinds.description')} />
      <Card variant="borderless">
        {!editable && <Alert type="info" showIcon message={t('stallKinds.readOnly')} style={{ marginBottom: 16 }} />}
        <div className="lx-toolbar">
          <Input.Search
            allowClear
            placeholder={t('stallKinds.search')}
            onSearch={setQ}
            onChange={(e) => e.target.value === '' && setQ('')}
            style={{ width: 260 }}
            data-testid="list-search"
          />
          <span className="lx-toolbar-spacer" />
          {editable && (
            <Button type="primary" icon={<PlusOutlined />} onClick={editor.openCreate} data-testid="create-button">
              {t('stallKinds.create')}
            </Button>
          )}
        </div>
        <Table<StallKind>
          rowKey="id"
          size="middle"
          dataSource={rows}
          loading={kinds.isFetching}
          scroll={{ x: 'max-content' }}
          rowClassName={(k) => (k.disabled ? 'lx-row-disabled' : '')}
          locale={{ emptyText: kinds.isPending ? ' ' : kinds.isError ? kinds.error.message : empty }}
          pagination={{
            defaultPageSize: 20,
            hideOnSinglePage: true,
            showTotal: (total) => t('common.total', { total }),
          }}
          columns={[
            {
              title: t('stallKinds.name'),
              dataIndex: 'name',
              render: (name: string) => <strong>{name}</strong>,
            },
            {
              title: t('stallKinds.code'),
              dataIndex: 'code',
              render: (code: string) => <Typography.Text code>{code}</Typography.Text>,
            },
            { title: t('fields.sort'), dataIndex: 'sort', align: 'right', width: 100 },
            {
              title: editable ? t('stallKinds.enabled') : t('common.status'),
              key: 'enabled',
              width: 120,
              render: (_v, k) => <EnabledSwitch kind={k} editable={editable} />,
            },
            ...(editable
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 120,
                    render: (_v: unknown, k: StallKind) => (
                      <Button type="link" size="small" onClick={() => editor.openEdit(k)}>
                        {t('stallKinds.rename')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <StallKindModal record={editor.record} open={editor.open} onClose={editor.close} />
    </>
  );
}
