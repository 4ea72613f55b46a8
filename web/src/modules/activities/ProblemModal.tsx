/** 发现问题转诉求: a problem found at a stall becomes a request; the answer's code links to it. */
import { Button, Form, Input, Modal, Result, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { applyFieldErrors } from '../../components/formRules.ts';
import { useOptions } from '../../components/useOptions.ts';
import type { ActivityDetail } from './types.ts';
import { useActivityCall } from './useActivity.ts';

interface ProblemValues {
  stallId?: string;
  categoryId: string;
  villageId?: string;
  description: string;
  address?: string;
  urgency: 'normal' | 'urgent' | 'critical';
  name?: string;
  mobile?: string;
}

export function ProblemModal({ activity, onClose }: { activity: ActivityDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const call = useActivityCall(activity.id);
  const [form] = Form.useForm<ProblemValues>();
  const [saving, setSaving] = useState(false);
  const [created, setCreated] = useState<{ id: string; code: string } | null>(null);
  const categories = useOptions('/api/categories');
  const villages = useOptions('/api/villages');

  const submit = async (v: ProblemValues) => {
    setSaving(true);
    try {
      const answer = await call<{ id: string; code: string }>(
        'POST',
        '/requests',
        {
          stallId: v.stallId ?? null,
          categoryId: v.categoryId,
          villageId: v.villageId ?? null,
          description: v.description,
          address: v.address ?? null,
          urgency: v.urgency,
          name: v.name ?? null,
          mobile: v.mobile ?? null,
        },
        { form: true },
      );
      setCreated(answer);
    } catch (error) {
      if (error instanceof ApiError) applyFieldErrors(form, error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={600}
      title={t('activityPages.problemTitle')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        created ? (
          <Button type="primary" onClick={onClose}>
            {t('common.close')}
          </Button>
        ) : (
          <>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="problem-submit">
              {t('activityPages.problemSubmit')}
            </Button>
          </>
        )
      }
    >
      {created ? (
        <Result
          status="success"
          title={t('activityPages.problemCreated')}
          subTitle={
            <>
              {t('activityPages.problemCode')}
              <Link to={`/requests/${created.id}`} data-testid="problem-code">
                {created.code}
              </Link>
            </>
          }
        />
      ) : (
        <Form<ProblemValues>
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          initialValues={{ urgency: 'normal', villageId: activity.villageId ?? undefined }}
        >
          <Form.Item name="stallId" label={t('activityPages.problemStall')}>
            <Select
              allowClear
              placeholder={t('activityPages.problemStallHint')}
              options={activity.stalls.map((s) => ({
                value: s.id,
                label: [s.kindName, s.label, s.teamName].filter(Boolean).join(' · '),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="categoryId"
            label={t('activityPages.problemCategory')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={categories.loading}
              options={categories.options}
              placeholder={t('activityPages.problemCategoryHint')}
              data-testid="problem-category"
            />
          </Form.Item>
          <Form.Item
            name="description"
            label={t('activityPages.problemDescription')}
            rules={[
              { required: true, whitespace: true, message: t('validation.required') },
              { max: 1000, message: t('validation.tooLong', { max: 1000 }) },
            ]}
          >
            <Input.TextArea
              rows={4}
              maxLength={1000}
              showCount
              placeholder={t('activityPages.problemDescriptionHint')}
              data-testid="problem-description"
            />
          </Form.Item>
          <Form.Item name="villageId" label={t('activityPages.village')}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={villages.options} />
          </Form.Item>
          <Form.Item name="address" label={t('activityPages.address')} rules={[{ max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="urgency" label={t('activityPages.problemUrgency')}>
            <Select
              options={(['normal', 'urgent', 'critical'] as const).map((u) => ({
                value: u,
                label: t(`enums.urgency.${u}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="name" label={t('activityPages.problemName')} rules={[{ max: 30 }]}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="mobile" label={t('activityPages.problemMobile')}>
            <Input maxLength={20} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
