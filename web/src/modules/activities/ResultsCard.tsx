/** 成果: people served (人次), deeds (实事) and notes per stall, checked as typed; the summary and reach. */
import { SaveOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Form, Input, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StallResultsInput, SummaryInput } from '../../../../common/activities/schemas.ts';
import { applyFieldErrors, zodRule } from '../../components/formRules.ts';
import type { ActivityDetail, Stall } from './types.ts';
import { useActivityCall } from './useActivity.ts';

interface ResultValues {
  served: number | null;
  deeds: number | null;
  notes?: string | null;
}

export function ResultsCard({ activity }: { activity: ActivityDetail }) {
  const { t } = useTranslation();
  const editable = activity.can.manage && activity.operations.includes('record_results');
  return (
    <Card variant="borderless" title={t('activityPages.results')}>
      {!editable && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={activity.can.manage ? t('activityPages.resultsWhen') : t('activityPages.resultsReadOnly')}
        />
      )}
      {activity.stalls.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('activityPages.stallsEmpty')} />
      ) : (
        activity.stalls.map((s) => (
          <StallResultRow key={`${s.id}-${s.version}`} activity={activity} stall={s} editable={editable} />
        ))
      )}
      <SummaryForm key={`summary-${activity.version}`} activity={activity} editable={editable} />
    </Card>
  );
}

function StallResultRow({ activity, stall, editable }: { activity: ActivityDetail; stall: Stall; editable: boolean }) {
  const { t } = useTranslation();
  const call = useActivityCall(activity.id);
  const [form] = Form.useForm<ResultValues>();
  const [saving, setSaving] = useState(false);
  const save = async (v: ResultValues) => {
    setSaving(true);
    try {
      await call(
        'PUT',
        `/stalls/${stall.id}/results`,
        { served: v.served, deeds: v.deeds, notes: v.notes ?? null, version: stall.version },
        { form: true, success: t('activityPages.resultsSaved', { name: stall.kindName }) },
      );
    } catch (error) {
      applyFieldErrors(form, error);
    } finally {
      setSaving(false);
    }
  };
  return (
    <div className="lx-result-row" data-testid="result-row">
      <div className="lx-result-name">
        <strong>{stall.kindName}</strong>
        {stall.label && <Typography.Text type="secondary"> · {stall.label}</Typography.Text>}
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {stall.teamName ?? t('common.none')} · {t('activityPages.attendedN', { n: stall.attended })}
          </Typography.Text>
        </div>
      </div>
      <Form<ResultValues>
        form={form}
        layout="inline"
        disabled={!editable}
        initialValues={{ served: stall.served, deeds: stall.deeds, notes: stall.notes }}
        onFinish={(v) => void save(v)}
      >
        <Form.Item
          name="served"
          label={t('activityPages.served')}
          validateTrigger={['onChange', 'onBlur']}
          rules={[{ required: true, message: t('validation.required') }, zodRule(t, StallResultsInput.shape.served)]}
        >
          <InputNumber style={{ width: 100 }} data-testid="result-served" />
        </Form.Item>
        <Form.Item
          name="deeds"
          label={t('activityPages.deeds')}
          validateTrigger={['onChange', 'onBlur']}
          rules={[{ required: true, message: t('validation.required') }, zodRule(t, StallResultsInput.shape.deeds)]}
        >
          <InputNumber style={{ width: 90 }} data-testid="result-deeds" />
        </Form.Item>
        <Form.Item name="notes" label={t('activityPages.notes')} rules={[zodRule(t, StallResultsInput.shape.notes)]}>
          <Input
            style={{ width: 240 }}
            maxLength={1000}
            placeholder={t('activityPages.notesHint')}
            data-testid="result-notes"
          />
        </Form.Item>
        {editable && (
          <Form.Item>
            <Button htmlType="submit" icon={<SaveOutlined />} loading={saving} data-testid="result-save">
              {t('common.save')}
            </Button>
          </Form.Item>
        )}
      </Form>
    </div>
  );
}

function SummaryForm({ activity, editable }: { activity: ActivityDetail; editable: boolean }) {
  const { t } = useTranslation();
  const call = useActivityCall(activity.id);
  const [form] = Form.useForm<{ summary?: string | null; reach?: number | null }>();
  const [saving, setSaving] = useState(false);
  const save = async (v: { summary?: string | null; reach?: number | null }) => {
    setSaving(true);
    try {
      await call(
        'PUT',
        '/summary',
        { summary: v.summary ?? null, reach: v.reach ?? null, version: activity.version },
        { form: true, success: t('common.savedOk') },
      );
    } catch (error) {
      applyFieldErrors(form, error);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form
      form={form}
      layout="vertical"
      disabled={!editable}
      style={{ marginTop: 16 }}
      initialValues={{ summary: activity.summary, reach: activity.reach }}
      onFinish={(v) => void save(v)}
    >
      <Form.Item
        name="reach"
        label={t('activityPages.reach')}
        extra={t('activityPages.reachHint')}
        validateTrigger={['onChange', 'onBlur']}
        rules={[zodRule(t, SummaryInput.shape.reach)]}
      >
        <InputNumber style={{ width: 160 }} data-testid="summary-reach" />
      </Form.Item>
      <Form.Item name="summary" label={t('activityPages.summary')} rules={[zodRule(t, SummaryInput.shape.summary)]}>
        <Input.TextArea
          rows={4}
          maxLength={5000}
          showCount
          placeholder={t('activityPages.summaryHint')}
          data-testid="summary-text"
        />
      </Form.Item>
      {editable && (
        <Space>
          <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving} data-testid="summary-save">
            {t('activityPages.saveSummary')}
          </Button>
        </Space>
      )}
    </Form>
  );
}
