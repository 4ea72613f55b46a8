/** 工作日历: mark holidays and make-up working days (调休) that the due dates count with. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Calendar, Card, Col, Empty, Form, Input, List, Modal, Radio, Row, Space, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { notify } from '../../app/notify.ts';
import { applyFieldErrors } from '../../components/formRules.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import type { CalendarDay } from './types.ts';

const ENDPOINT = '/api/calendar';

export function CalendarPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [month, setMonth] = useState<Dayjs>(() => dayjs());
  const [editing, setEditing] = useState<string | null>(null);
  const [form] = Form.useForm<{ kind: 'holiday' | 'workday'; name: string }>();
  const year = month.year();
  const days = useQuery({
    queryKey: [ENDPOINT, year],
    queryFn: () => api<{ items: CalendarDay[] }>(ENDPOINT, { query: { year } }),
  });
  const byDate = new Map((days.data?.items ?? []).map((d) => [d.date, d]));
  const current = editing ? byDate.get(editing) : undefined;
  const refresh = () => client.invalidateQueries({ queryKey: [ENDPOINT] });

  const save = useMutation({
    mutationFn: (values: { kind: string; name: string }) =>
      api<CalendarDay>(`${ENDPOINT}/${editing}`, { method: 'PUT', body: { ...values, date: editing } }),
    onSuccess: async () => {
      notify.success(t('common.savedOk'));
      setEditing(null);
      await refresh();
    },
    onError: (error) => {
      if (!applyFieldErrors(form, error)) notify.error(error.message);
    },
  });
  const remove = useMutation({
    mutationFn: (date: string) => api(`${ENDPOINT}/${date}`, { method: 'DELETE' }),
    onSuccess: async () => {
      notify.success(t('calendar.removed'));
      setEditing(null);
      await refresh();
    },
    onError: (error) => notify.error(error.message),
  });

  const open = (date: string) => {
    const day = byDate.get(date);
    form.setFieldsValue({ kind: day?.kind ?? 'holiday', name: day?.name ?? '' });
    setEditing(date);
  };

  return (
    <>
      <PageHeader title={t('calendar.title')} description={t('calendar.description')} />
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card variant="borderless">
            <Calendar
              value={month}
              onPanelChange={(d) => setMonth(d)}
              onSelect={(d, info) => {
                setMonth(d);
                if (info.source === 'date') open(d.format('YYYY-MM-DD'));
              }}
              cellRender={(d, info) => {
                if (info.type !== 'date') return info.originNode;
                const day = byDate.get(d.format('YYYY-MM-DD'));
                return day ? (
                  <Tag color={day.kind === 'holiday' ? 'red' : 'blue'} style={{ marginTop: 4 }}>
                    {day.kind === 'holiday' ? '休' : '班'} {day.name}
                  </Tag>
                ) : null;
              }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card
            variant="borderless"
            title={t('calendar.list', { year })}
            loading={days.isPending}
            styles={{ body: { maxHeight: 640, overflow: 'auto' } }}
          >
            {(days.data?.items.length ?? 0) === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('calendar.empty')} />
            ) : (
              <List
                size="small"
                dataSource={[...(days.data?.items ?? [])].sort((a, b) => a.date.localeCompare(b.date))}
                renderItem={(d) => (
                  <List.Item
                    actions={[
                      <Button key="edit" type="link" size="small" onClick={() => open(d.date)}>
                        {t('common.edit')}
                      </Button>,
                    ]}
                  >
                    <Space style={{ whiteSpace: 'nowrap' }}>
                      <span style={{ fontVariantNumeric: 'tabular-nums' }}>{d.date}</span>
                      <Tag color={d.kind === 'holiday' ? 'red' : 'blue'}>{t(`enums.calendarKind.${d.kind}`)}</Tag>
                      {d.name}
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
      </Row>
      <Modal
        open={editing !== null}
        title={t('calendar.setTitle', { date: editing ?? '' })}
        onCancel={() => setEditing(null)}
        forceRender
        footer={
          <Space>
            {current && (
              <Button danger loading={remove.isPending} onClick={() => editing && remove.mutate(editing)}>
                {t('calendar.remove')}
              </Button>
            )}
            <Button onClick={() => setEditing(null)}>{t('common.cancel')}</Button>
            <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
              {t('common.save')}
            </Button>
          </Space>
        }
      >
        <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item name="kind" label={t('calendar.kind')} required>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'holiday', label: t('calendar.holiday') },
                { value: 'workday', label: t('calendar.workday') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('calendar.name')}
            required
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input maxLength={30} placeholder={t('calendar.namePlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
