/** The actions the activity allows now: state changes (each confirmed) and "found a problem → request". */
import { ExclamationCircleOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Modal, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REASON_REQUIRED, type ActivityTransition } from '../../../../common/activities/lifecycle.ts';
import { ProblemModal } from './ProblemModal.tsx';
import type { ActivityDetail } from './types.ts';
import { useActivityCall } from './useActivity.ts';

const DESTRUCTIVE: readonly ActivityTransition[] = ['cancel'];

export function TransitionBar({ activity }: { activity: ActivityDetail }) {
  const { t } = useTranslation();
  const call = useActivityCall(activity.id);
  const [busy, setBusy] = useState<string | null>(null);
  const [reasonFor, setReasonFor] = useState<ActivityTransition | null>(null);
  const [problem, setProblem] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const raise = activity.can.raiseRequest && activity.operations.includes('raise_request');

  const run = async (transition: ActivityTransition, reason?: string) => {
    setBusy(transition);
    try {
      await call(
        'POST',
        `/transitions/${transition}`,
        { version: activity.version, reason: reason ?? null },
        {
          success: t('activityPages.transitionDone', { action: t(`activityPages.transition.${transition}`) }),
        },
      );
      setReasonFor(null);
    } catch {
      // Shown by the runner.
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card variant="borderless" size="small" style={{ marginBottom: 16 }} data-testid="action-bar">
      <Space wrap>
        {activity.transitions.length === 0 && !raise && (
          <Typography.Text type="secondary">{t('activityPages.noActions')}</Typography.Text>
        )}
        {activity.transitions.map((tr, i) =>
          REASON_REQUIRED.includes(tr) ? (
            <Button
              key={tr}
              danger
              onClick={() => {
                form.resetFields();
                setReasonFor(tr);
              }}
              data-testid={`transition-${tr}`}
            >
              {t(`activityPages.transition.${tr}`)}
            </Button>
          ) : (
            <Popconfirm
              key={tr}
              title={t(`activityPages.confirm.${tr}`)}
              okText={t(`activityPages.transition.${tr}`)}
              cancelText={t('common.cancel')}
              onConfirm={() => run(tr)}
            >
              <Button
                type={i === 0 && !DESTRUCTIVE.includes(tr) ? 'primary' : 'default'}
                loading={busy === tr}
                data-testid={`transition-${tr}`}
              >
                {t(`activityPages.transition.${tr}`)}
              </Button>
            </Popconfirm>
          ),
        )}
        {raise && (
          <Button icon={<ExclamationCircleOutlined />} onClick={() => setProblem(true)} data-testid="raise-request">
            {t('activityPages.raiseRequest')}
          </Button>
        )}
      </Space>
      <Modal
        open={reasonFor !== null}
        title={t('activityPages.cancelTitle')}
        okText={t('activityPages.transition.cancel')}
        okButtonProps={{ danger: true, loading: busy !== null }}
        cancelText={t('common.close')}
        onCancel={() => setReasonFor(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => reasonFor && void run(reasonFor, v.reason)}>
          <Form.Item
            name="reason"
            label={t('activityPages.cancelReason')}
            rules={[
              { required: true, whitespace: true, message: t('activityPages.cancelReasonRequired') },
              { max: 500, message: t('validation.tooLong', { max: 500 }) },
            ]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="cancel-reason" />
          </Form.Item>
          <Typography.Text type="secondary">{t('activityPages.cancelHint')}</Typography.Text>
        </Form>
      </Modal>
      {problem && <ProblemModal activity={activity} onClose={() => setProblem(false)} />}
    </Card>
  );
}
