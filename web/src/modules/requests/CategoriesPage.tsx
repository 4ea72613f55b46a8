/** 诉求类别: the categories residents choose, default routing and time limits per urgency. */
import { Form, Input, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { CategoryInput } from '../../../../common/requests/schemas.ts';
import { useCan } from '../../app/auth.ts';
import { zodRule } from '../../components/formRules.ts';
import { ListTable } from '../../components/ListTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RecordActions } from '../../components/RecordActions.tsx';
import { RecordFormDrawer } from '../../components/RecordFormDrawer.tsx';
import { useEditor, useSaveRecord } from '../../components/useEditor.ts';
import { useList } from '../../components/useList.ts';
import { useOptions } from '../../components/useOptions.ts';
import { CATEGORY_ICONS, CategoryIcon } from './labels.tsx';
import type { Category } from './types.ts';

const ENDPOINT = '/api/categories';
const S = CategoryInput.shape;
type Values = z.input<typeof CategoryInput>;
const ROUTE_ENDPOINTS = { team: '/api/teams', squad: '/api/squads', department: '/api/departments' } as const;

function RouteTargetField() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const kind = Form.useWatch('routeKind', form) as keyof typeof ROUTE_ENDPOINTS | null | undefined;
  const options = useOptions(kind ? ROUTE_ENDPOINTS[kind] : '/api/teams', {}, Boolean(kind));
  if (!kind) return null;
  return (
    <Form.Item
      name="routeId"
      label={t('categories.routeTarget')}
      required
      rules={[{ required: true, message: t('validation.assigneeRequired') }]}
    >
      <Select showSearch={{ optionFilterProp: 'label' }} options={options.options} loading={options.loading} />
    </Form.Item>
  );
}

export function CategoriesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const list = useList<Category>(ENDPOINT);
  const editor = useEditor<Category>();
  const save = useSaveRecord(ENDPOINT);
  const record = editor.record;
  const days = (n: number) => (n === 0 ? t('categories.sameDay') : t('categories.days', { days: n }));

  return (
    <>
      <PageHeader title={t('categories.title')} description={t('categories.description')} />
      <ListTable<Category>
        list={list}
        searchPlaceholder={t('categories.search')}
        emptyText={t('categories.empty')}
        onCreate={can('requests.config') ? editor.openCreate : undefined}
        columns={[
          {
            title: t('categories.name'),
            dataIndex: 'name',
            render: (name: string, c) => (
              <Space>
                <CategoryIcon icon={c.icon} />
                <strong>{name}</strong>
              </Space>
            ),
          },
          { title: t('categories.code'), dataIndex: 'code' },
          { title: t('categories.descriptionLabel'), dataIndex: 'description', ellipsis: true, width: 240 },
          {
            title: t('categories.route'),
            key: 'route',
            render: (_v, c) =>
              c.routeKind ? `${t(`enums.routeKind.${c.routeKind}`)} · ${c.routeName ?? ''}` : t('categories.routeNone'),
          },
          {
            title: `${t('categories.limits')}`,
            key: 'limits',
            render: (_v, c) =>
              `${t('categories.limitNormal')} ${days(c.limitNormalDays)} / ${t('categories.limitUrgent')} ${days(c.limitUrgentDays)} / ${t('categories.limitCritical')} ${days(c.limitCriticalDays)}`,
          },
          { title: t('fields.sort'), dataIndex: 'sort', align: 'right', responsive: ['lg'] },
        ]}
        rowActions={(c) => (
          <RecordActions record={c} endpoint={ENDPOINT} name={c.name} onEdit={() => editor.openEdit(c)} />
        )}
      />
      <RecordFormDrawer<Values>
        open={editor.open}
        title={record ? t('categories.editTitle') : t('categories.createTitle')}
        onClose={editor.close}
        successMessage={record ? t('common.savedOk') : t('common.createdOk')}
        initialValues={
          record
            ? {
                code: record.code,
                name: record.name,
                icon: record.icon,
                description: record.description,
                routeKind: record.routeKind,
                routeId: record.routeId,
                limitNormalDays: record.limitNormalDays,
                limitUrgentDays: record.limitUrgentDays,
                limitCriticalDays: record.limitCriticalDays,
                sort: record.sort,
              }
            : { icon: 'other', routeKind: null, limitNormalDays: 5, limitUrgentDays: 1, limitCriticalDays: 0, sort: 0 }
        }
        onSubmit={(values) => save(record, { ...values, routeId: values.routeKind ? values.routeId : null })}
      >
        {(form) => (
          <>
            <Form.Item name="name" label={t('categories.name')} required rules={[zodRule(t, S.name)]}>
              <Input maxLength={30} placeholder="道路交通" />
            </Form.Item>
            <Form.Item
              name="code"
              label={t('categories.code')}
              extra={t('categories.codeHelp')}
              required
              rules={[zodRule(t, S.code)]}
            >
              <Input maxLength={32} placeholder="road" />
            </Form.Item>
            <Form.Item name="icon" label={t('categories.icon')}>
              <Select
                options={CATEGORY_ICONS.map((icon) => ({ value: icon, label: t(`enums.categoryIcon.${icon}`) }))}
                optionRender={(o) => (
                  <Space>
                    <CategoryIcon icon={String(o.value)} />
                    {o.label}
                  </Space>
                )}
                labelRender={(o) => (
                  <Space>
                    <CategoryIcon icon={String(o.value)} />
                    {o.label}
                  </Space>
                )}
              />
            </Form.Item>
            <Form.Item name="description" label={t('categories.descriptionLabel')} rules={[zodRule(t, S.description)]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={200} showCount />
            </Form.Item>
            <Form.Item name="routeKind" label={t('categories.route')}>
              <Select
                onChange={() => form.setFieldValue('routeId', undefined)}
                options={[
                  { value: null, label: t('categories.routeNone') },
                  ...(['team', 'squad', 'department'] as const).map((k) => ({
                    value: k,
                    label: t(`enums.routeKind.${k}`),
                  })),
                ]}
              />
            </Form.Item>
            <RouteTargetField />
            <Form.Item label={t('categories.limits')} extra={t('categories.limitHelp')} required>
              <Space wrap>
                {(['limitNormalDays', 'limitUrgentDays', 'limitCriticalDays'] as const).map((name) => (
                  <Form.Item key={name} name={name} noStyle rules={[zodRule(t, S[name])]}>
                    <InputNumber
                      min={0}
                      max={60}
                      precision={0}
                      style={{ width: 150 }}
                      prefix={t(
                        `categories.${name === 'limitNormalDays' ? 'limitNormal' : name === 'limitUrgentDays' ? 'limitUrgent' : 'limitCritical'}`,
                      )}
                    />
                  </Form.Item>
                ))}
              </Space>
            </Form.Item>
            <Form.Item name="sort" label={t('fields.sort')} rules={[zodRule(t, S.sort)]}>
              <InputNumber min={0} max={9999} precision={0} style={{ width: 160 }} />
            </Form.Item>
          </>
        )}
      </RecordFormDrawer>
    </>
  );
}
