/** 登记诉求: staff enter a request on a resident's behalf; similar open requests show alongside. */
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Form, Input, Radio, Row, Select, Space, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ASSISTED_CHANNELS, URGENCIES } from '../../../../common/requests/lifecycle.ts';
import { StaffIntake } from '../../../../common/requests/schemas.ts';
import { api, type ListResult } from '../../app/api.ts';
import { notify } from '../../app/notify.ts';
import { applyFieldErrors, zodRule } from '../../components/formRules.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useOptions } from '../../components/useOptions.ts';
import { CategoryIcon } from './labels.tsx';
import { photoIds, PhotoUpload } from './PhotoUpload.tsx';
import { SimilarPanel } from './SimilarPanel.tsx';
import { REQUESTS, type Category, type RequestDetail } from './types.ts';

const S = StaffIntake.shape;

interface Values {
  channel: (typeof ASSISTED_CHANNELS)[number];
  workstationId?: string;
  categoryId?: string;
  urgency: string;
  description?: string;
  villageId?: string;
  hamletId?: string;
  address?: string;
  name?: string;
  mobile?: string;
  photos?: UploadFile[];
}

export function IntakePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const channel = Form.useWatch('channel', form);
  const villageId = Form.useWatch('villageId', form);
  const categoryId = Form.useWatch('categoryId', form);
  const description = Form.useWatch('description', form) ?? '';
  const categories = useQuery({
    queryKey: ['/api/categories', 'intake'],
    queryFn: () => api<ListResult<Category>>('/api/categories', { query: { pageSize: 100 } }),
    staleTime: 60_000,
  });
  const villages = useOptions('/api/villages');
  const hamlets = useOptions('/api/hamlets', { villageId }, Boolean(villageId));
  const workstations = useOptions('/api/workstations');

  const submit = async ({ photos, ...values }: Values) => {
    setSaving(true);
    try {
      const created = await api<RequestDetail>(REQUESTS, {
        method: 'POST',
        body: {
          ...values,
          workstationId: values.channel === 'desk' ? values.workstationId : null,
          photoIds: photoIds(photos),
        },
      });
      notify.success(t('requests.created', { code: created.code }));
      navigate(`/requests/${created.id}`);
    } catch (error) {
      if (!applyFieldErrors(form, error)) notify.error(error instanceof Error ? error.message : String(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('requests.intakeTitle')}
        description={t('requests.intakeDescription')}
        crumbs={[{ title: t('nav.requestsGroup'), path: '/requests' }, { title: t('requests.intakeTitle') }]}
      />
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card variant="borderless">
            <Form<Values>
              form={form}
              layout="vertical"
              initialValues={{ channel: 'desk', urgency: 'normal' }}
              onFinish={submit}
              scrollToFirstError
              style={{ maxWidth: 760 }}
            >
              <Form.Item name="channel" label={t('requests.channel')} required>
                <Radio.Group
                  optionType="button"
                  options={ASSISTED_CHANNELS.map((c) => ({ value: c, label: t(`enums.channel.${c}`) }))}
                />
              </Form.Item>
              {channel === 'desk' && (
                <Form.Item name="workstationId" label={t('requests.workstation')}>
                  <Select
                    allowClear
                    showSearch={{ optionFilterProp: 'label' }}
                    options={workstations.options}
                    loading={workstations.loading}
                  />
                </Form.Item>
              )}
              <Row gutter={16}>
                <Col xs={24} md={14}>
                  <Form.Item
                    name="categoryId"
                    label={t('requests.category')}
                    required
                    rules={[zodRule(t, S.categoryId)]}
                  >
                    <Select
                      showSearch={{ optionFilterProp: 'label' }}
                      loading={categories.isPending}
                      data-testid="field-category"
                      options={(categories.data?.items ?? [])
                        .filter((c) => !c.disabled)
                        .map((c) => ({
                          value: c.id,
                          label: c.name,
                          title: c.description ?? undefined,
                          icon: c.icon,
                        }))}
                      optionRender={(o) => (
                        <Space>
                          <CategoryIcon icon={String(o.data.icon)} />
                          {o.label}
                        </Space>
                      )}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={10}>
                  <Form.Item name="urgency" label={t('requests.urgency')} required>
                    <Radio.Group
                      optionType="button"
                      options={URGENCIES.map((u) => ({ value: u, label: t(`enums.urgency.${u}`) }))}
                    />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item
                name="description"
                label={t('requests.descriptionLabel')}
                required
                rules={[zodRule(t, S.description)]}
              >
                <Input.TextArea
                  autoSize={{ minRows: 4, maxRows: 10 }}
                  maxLength={1000}
                  showCount
                  placeholder={t('requests.descriptionPlaceholder')}
                  data-testid="field-description"
                />
              </Form.Item>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item name="villageId" label={t('requests.village')}>
                    <Select
                      allowClear
                      showSearch={{ optionFilterProp: 'label' }}
                      options={villages.options}
                      loading={villages.loading}
                      onChange={() => form.setFieldValue('hamletId', undefined)}
                      data-testid="field-village"
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="hamletId" label={t('requests.hamlet')}>
                    <Select
                      allowClear
                      disabled={!villageId}
                      showSearch={{ optionFilterProp: 'label' }}
                      options={hamlets.options}
                      loading={hamlets.loading}
                    />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="address" label={t('requests.address')} rules={[zodRule(t, S.address)]}>
                <Input maxLength={200} placeholder={t('requests.addressPlaceholder')} />
              </Form.Item>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item name="name" label={t('requests.reporterName')} rules={[zodRule(t, S.name)]}>
                    <Input maxLength={30} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="mobile" label={t('requests.reporterMobile')} rules={[zodRule(t, S.mobile)]}>
                    <Input maxLength={13} inputMode="tel" />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item
                name="photos"
                label={t('requests.photos')}
                extra={t('requests.photosHint')}
                valuePropName="value"
              >
                <PhotoUpload />
              </Form.Item>
              <Space>
                <Button type="primary" htmlType="submit" loading={saving} data-testid="intake-submit">
                  {t('requests.submit')}
                </Button>
                <Button onClick={() => navigate('/requests')}>{t('common.cancel')}</Button>
              </Space>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <SimilarPanel text={description} villageId={villageId} categoryId={categoryId} />
        </Col>
      </Row>
    </>
  );
}
