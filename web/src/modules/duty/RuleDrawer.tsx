/** The roster rule editor: shifts, staffed weekdays, holidays and the pool. */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Drawer, Form, Input, InputNumber, Space, Switch, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { notify } from '../../app/notify.ts';
import { applyFieldErrors } from '../../components/formRules.ts';
import { PersonSelect } from './PersonSelect.tsx';
import type { RosterRule, ShiftDef } from './types.ts';

interface RuleValues {
  shifts: ShiftDef[];
  weekdays: number[];
  skipHolidays: boolean;
  poolPersonIds: string[];
}

interface RuleDrawerProps {
  rule: RosterRule | undefined;
  open: boolean;
  onClose: () => void;
}

export function RuleDrawer({ rule, open, onClose }: RuleDrawerProps) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form] = Form.useForm<RuleValues>();
  useEffect(() => {
    if (open && rule)
      form.setFieldsValue({
        shifts: rule.shifts,
        weekdays: rule.weekdays,
        skipHolidays: rule.skipHolidays,
        poolPersonIds: rule.pool.map((p) => p.id),
      });
  }, [open, rule, form]);
  const save = useMutation({
    mutationFn: (values: RuleValues) =>
      api<RosterRule>(`/api/workstations/${rule?.workstationId}/roster-rule`, {
        method: 'PUT',
        body: { ...values, ...(rule?.version ? { version: rule.version } : {}) },
      }),
    onSuccess: async () => {
      notify.success(t('dutyPages.saved'));
      await client.invalidateQueries({ queryKey: ['duty'] });
      onClose();
    },
    onError: (error) => {
      if (!applyFieldErrors(form, error)) notify.error(error.message);
    },
  });
  const weekdays = [1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: d, label: t(`duty.weekday.${d}`) }));
  return (
    <Drawer
      title={t('dutyPages.ruleTitle', { name: rule?.workstationName ?? '' })}
      open={open}
      onClose={onClose}
      size="large"
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="rule-save">
          {t('common.save')}
        </Button>
      }
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Typography.Title level={5}>{t('dutyPages.shifts')}</Typography.Title>
        <Form.List name="shifts">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Space key={field.key} align="start" wrap>
                  <Form.Item name={[field.name, 'name']} label={t('dutyPages.shiftName')} rules={[{ required: true }]}>
                    <Input style={{ width: 80 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'key']} label={t('dutyPages.shiftKey')} rules={[{ required: true }]}>
                    <Input style={{ width: 110 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'start']} label={t('dutyPages.start')} rules={[{ required: true }]}>
                    <Input style={{ width: 80 }} placeholder="08:30" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'end']} label={t('dutyPages.end')} rules={[{ required: true }]}>
                    <Input style={{ width: 80 }} placeholder="12:00" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'size']} label={t('dutyPages.size')} rules={[{ required: true }]}>
                    <InputNumber min={1} max={10} style={{ width: 70 }} />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    onClick={() => remove(field.name)}
                    style={{ marginTop: 30 }}
                    aria-label="remove"
                  />
                </Space>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ key: '', name: '', start: '', end: '', size: 2 })}
              >
                {t('dutyPages.addShift')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="weekdays" label={t('dutyPages.weekdays')} style={{ marginTop: 16 }}>
          <Checkbox.Group options={weekdays} />
        </Form.Item>
        <Form.Item name="skipHolidays" label={t('dutyPages.skipHolidays')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="poolPersonIds" label={t('dutyPages.pool')} extra={t('dutyPages.poolHint')}>
          <PersonSelect multiple known={rule?.pool ?? []} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
