/** 职能部门: list, create, edit, disable. */
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { DepartmentInput, type Department } from '../../../../common/org/schemas.ts';
import { useCan } from '../../app/auth.ts';
import { zodRule } from '../../components/formRules.ts';
import { ListTable } from '../../components/ListTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RecordActions } from '../../components/RecordActions.tsx';
import { RecordFormDrawer } from '../../components/RecordFormDrawer.tsx';
import { useEditor, useSaveRecord } from '../../components/useEditor.ts';
import { useList } from '../../components/useList.ts';

const ENDPOINT = '/api/departments';
const S = DepartmentInput.shape;
type Values = z.input<typeof DepartmentInput>;

export function DepartmentsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const list = useList<Department>(ENDPOINT);
  const editor = useEditor<Department>();
  const save = useSaveRecord(ENDPOINT);
  const record = editor.record;

  return (
    <>
      <PageHeader title={t('departments.title')} description={t('departments.description')} />
      <ListTable<Department>
        list={list}
        searchPlaceholder={t('departments.search')}
        emptyText={t('departments.empty')}
        exportName={t('departments.title')}
        onCreate={can('org.write') ? editor.openCreate : undefined}
        columns={[
          { title: t('fields.name'), dataIndex: 'name', render: (name: string) => <strong>{name}</strong> },
          { title: t('fields.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? t('common.none') },
          {
            title: t('fields.duties'),
            dataIndex: 'duties',
            ellipsis: true,
            render: (v: string | null) => v ?? t('common.none'),
          },
        ]}
        rowActions={(d) => (
          <RecordActions record={d} endpoint={ENDPOINT} name={d.name} onEdit={() => editor.openEdit(d)} />
        )}
      />
      <RecordFormDrawer<Values>
        open={editor.open}
        title={record ? t('departments.editTitle') : t('departments.createTitle')}
        onClose={editor.close}
        successMessage={record ? t('common.savedOk') : t('common.createdOk')}
        initialValues={record ? { name: record.name, phone: record.phone, duties: record.duties } : {}}
        onSubmit={(values) => save(record, values)}
      >
        <Form.Item name="name" label={t('fields.name')} required rules={[zodRule(t, S.name)]}>
          <Input placeholder={t('departments.namePlaceholder')} maxLength={80} />
        </Form.Item>
        <Form.Item name="phone" label={t('fields.phone')} rules={[zodRule(t, S.phone)]}>
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
        <Form.Item name="duties" label={t('fields.duties')} rules={[zodRule(t, S.duties)]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} maxLength={500} showCount />
        </Form.Item>
      </RecordFormDrawer>
    </>
  );
}
