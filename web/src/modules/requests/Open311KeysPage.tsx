/** Open311 接口密钥: keys for outside systems; a new key's secret is shown once. */
import { CopyOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Modal, Popconfirm, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { notify } from '../../app/notify.ts';
import { applyFieldErrors } from '../../components/formRules.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import type { ApiKey } from './types.ts';

const ENDPOINT = '/api/open311-keys';
type Key = ApiKey & { version?: number };

export function Open311KeysPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [form] = Form.useForm<{ name: string }>();
  const keys = useQuery({
    queryKey: [ENDPOINT],
    queryFn: async () => {
      const answer = await api<{ items: Key[] } | Key[]>(ENDPOINT);
      return Array.isArray(answer) ? answer : answer.items;
    },
  });
  const refresh = () => client.invalidateQueries({ queryKey: [ENDPOINT] });
  const create = useMutation({
    mutationFn: (values: { name: string }) =>
      api<{ key: Key; secret: string }>(ENDPOINT, { method: 'POST', body: values }),
    onSuccess: async (answer) => {
      setCreating(false);
      setSecret(answer.secret);
      await refresh();
    },
    onError: (error) => {
      if (!applyFieldErrors(form, error)) notify.error(error.message);
    },
  });
  const toggle = useMutation({
    mutationFn: (key: Key) =>
      api(`${ENDPOINT}/${key.id}`, { method: 'PATCH', body: { disabled: !key.disabled, version: key.version ?? 1 } }),
    onSuccess: async (_d, key) => {
      notify.success(key.disabled ? t('common.enabledOk') : t('common.disabledOk'));
      await refresh();
    },
    onError: async (error) => {
      notify.error(error.message);
      await refresh();
    },
  });

  return (
    <>
      <PageHeader
        title={t('open311.title')}
        description={t('open311.description')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              form.resetFields();
              setCreating(true);
            }}
            data-testid="create-button"
          >
            {t('open311.create')}
          </Button>
        }
      />
      <Card variant="borderless">
        <Table<Key>
          rowKey="id"
          size="middle"
          loading={keys.isFetching}
          dataSource={keys.data ?? []}
          pagination={false}
          locale={{ emptyText: keys.isError ? keys.error.message : t('open311.empty') }}
          rowClassName={(k) => (k.disabled ? 'lx-row-disabled' : '')}
          columns={[
            { title: t('open311.name'), dataIndex: 'name', render: (v: string) => <strong>{v}</strong> },
            { title: t('open311.prefix'), dataIndex: 'prefix', render: (v: string) => <code>{v}…</code> },
            {
              title: t('common.status'),
              dataIndex: 'disabled',
              render: (d: boolean) =>
                d ? <Tag>{t('common.inactive')}</Tag> : <Tag color="success">{t('common.active')}</Tag>,
            },
            { title: t('fields.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
            {
              title: t('open311.lastUsed'),
              dataIndex: 'lastUsedAt',
              render: (v: string | null) => (v ? formatDateTime(v) : t('open311.never')),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_v, k) =>
                k.disabled ? (
                  <Button type="link" size="small" onClick={() => toggle.mutate(k)}>
                    {t('common.enable')}
                  </Button>
                ) : (
                  <Popconfirm
                    title={t('open311.confirmDisable', { name: k.name })}
                    okText={t('common.disable')}
                    okButtonProps={{ danger: true }}
                    cancelText={t('common.cancel')}
                    onConfirm={() => toggle.mutateAsync(k)}
                  >
                    <Button type="link" size="small" danger>
                      {t('common.disable')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
      <Modal
        open={creating}
        title={t('open311.create')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        confirmLoading={create.isPending}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
          <Form.Item
            name="name"
            label={t('open311.name')}
            required
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input maxLength={50} placeholder={t('open311.namePlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={secret !== null}
        title={t('open311.secretTitle')}
        onCancel={() => setSecret(null)}
        footer={<Button onClick={() => setSecret(null)}>{t('common.close')}</Button>}
        maskClosable={false}
      >
        <Alert type="warning" showIcon title={t('open311.secretBody')} style={{ marginBottom: 12 }} />
        <Typography.Paragraph
          copyable={{ text: secret ?? '', icon: <CopyOutlined />, tooltips: [t('common.copy'), t('common.copied')] }}
          code
          style={{ fontSize: 15, wordBreak: 'break-all' }}
          data-testid="api-secret"
        >
          {secret}
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
