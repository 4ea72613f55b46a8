/** Staff log a visit on a member's behalf (or their own): what was done, how the person was, a problem → a request. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Switch,
  type UploadFile,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONDITIONS, VISIT_SERVICES, VisitInput, type VisitCreated } from '../../../../common/care/schemas.ts';
import { URGENCIES } from '../../../../common/requests/lifecycle.ts';
import { api, type ListResult } from '../../app/api.ts';
import { notify } from '../../app/notify.ts';
import { applyFieldErrors, zodRule } from '../../components/formRules.ts';
import { photoIds, PhotoUpload } from '../requests/PhotoUpload.tsx';
import type { Category } from '../requests/types.ts';
import { CARE } from './types.ts';

const S = VisitInput.shape;

interface Values {
  visitedAt: Dayjs;
  durationMinutes: number;
  services: string[];
  condition: string;
  notes?: string;
  photos?: UploadFile[];
  problemFound?: boolean;
  categoryId?: string;
  description?: string;
  urgency?: string;
}

interface Props {
  recipientId: string;
  recipientName: string;
  onClose: () => void;
}

export function VisitFormModal({ recipientId, recipientName, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const client = useQueryClient();
  const problemFound = Form.useWatch('problemFound', form);
  const categories = useQuery({
    queryKey: ['/api/categories', 'care'],
    queryFn: () => api<ListResult<Category>>('/api/categories', { query: { pageSize: 100 } }),
    enabled: Boolean(problemFound),
    staleTime: 60_000,
  });

  const submit = async (values: Values) => {
    setSaving(true);
    try {
      const answer = await api<VisitCreated>(`${CARE}/visits`, {
        method: 'POST',
        body: {
          recipientId,
          visitedAt: values.visitedAt.toISOString(),
          durationMinutes: values.durationMinutes,
          services: values.services,
          condition: values.condition,
          notes: values.notes || null,
          photoIds: photoIds(values.photos),
          problem: values.problemFound
            ? { categoryId: values.categoryId, description: values.description, urgency: values.urgency ?? 'normal' }
            : null,
        },
      });
      notify.success(
        answer.request
          ? t('carePages.visitLoggedWithRequest', { code: answer.request.code })
          : t('carePages.visitLogged'),
      );
      void client.invalidateQueries();
      onClose();
    } catch (error) {
      // Problem fields are nested on the server (`problem.description`); the form keeps them flat.
      if (!applyFieldErrors(form, rename(error))) notify.error(error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={680}
      title={`${t('carePages.logVisit')} · ${recipientName}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: saving }}
      maskClosable={false}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{ visitedAt: dayjs(), durationMinutes: 60, services: [], condition: 'good', urgency: 'normal' }}
      >
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="visitedAt" label={t('carePages.visitedAt')} required>
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
                disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                allowClear={false}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="durationMinutes"
              label={t('carePages.duration')}
              required
              rules={[zodRule(t, S.durationMinutes)]}
            >
              <InputNumber min={1} max={1440} precision={0} addonAfter="min" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="services" label={t('carePages.services')} required rules={[zodRule(t, S.services)]}>
          <Checkbox.Group
            options={VISIT_SERVICES.map((s) => ({ value: s, label: t(`carePages.serviceLabels.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="condition" label={t('carePages.condition')} required>
          <Radio.Group
            optionType="button"
            options={CONDITIONS.map((c) => ({ value: c, label: t(`carePages.conditionLabels.${c}`) }))}
          />
        </Form.Item>
        <Form.Item name="notes" label={t('carePages.notes')} rules={[zodRule(t, S.notes)]}>
          <Input.TextArea maxLength={1000} showCount autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
        <Form.Item name="photos" label={t('carePages.photos')} valuePropName="value">
          <PhotoUpload />
        </Form.Item>
        <Form.Item name="problemFound" valuePropName="checked" label={t('carePages.problem')}>
          <Switch checkedChildren={t('carePages.problem')} />
        </Form.Item>
        {problemFound && (
          <>
            <p style={{ marginTop: -12, color: '#8c8c8c' }}>{t('carePages.problemToggle')}</p>
            <Row gutter={16}>
              <Col xs={24} sm={14}>
                <Form.Item
                  name="categoryId"
                  label={t('carePages.problemCategory')}
                  rules={[{ required: true, message: t('validation.required') }]}
                >
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    loading={categories.isPending}
                    options={(categories.data?.items ?? [])
                      .filter((c) => !c.disabled)
                      .map((c) => ({ value: c.id, label: c.name }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} sm={10}>
                <Form.Item name="urgency" label={t('carePages.problemUrgency')}>
                  <Radio.Group
                    optionType="button"
                    options={URGENCIES.map((u) => ({ value: u, label: t(`enums.urgency.${u}`) }))}
                  />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item
              name="description"
              label={t('carePages.problemDescription')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
            >
              <Input.TextArea maxLength={1000} showCount autoSize={{ minRows: 2, maxRows: 5 }} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

/** Maps `problem.x` field errors to the flat form fields. */
function rename(error: unknown): unknown {
  if (!(error instanceof Error) || !('fields' in error)) return error;
  const e = error as Error & { fields: { path: string; message: string }[] };
  for (const f of e.fields) f.path = f.path.replace(/^problem\./, '').replace(/^photoIds.*/, 'photos');
  return e;
}
