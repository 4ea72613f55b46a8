/** 自然村: list by village, create, edit, disable. */
import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { HamletInput, type Hamlet } from '../../../../common/org/schemas.ts';
import { useCan } from '../../app/auth.ts';
import { zodRule } from '../../components/formRules.ts';
import { ListTable } from '../../components/ListTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RecordActions } from '../../components/RecordActions.tsx';
import { RecordFormDrawer } from '../../components/RecordFormDrawer.tsx';
import { useEditor, useSaveRecord } from '../../components/useEditor.ts';
import { useList } from '../../components/useList.ts';
import { useOptions } from '../../components/useOptions.ts';

const ENDPOINT = '/api/hamlets';
const S = HamletInput.shape;
type HamletValues = z.input<typeof HamletInput>;

export function HamletsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const list = useList<Hamlet>(ENDPOINT, { filterKeys: ['villageId'] });
  const villages = useOptions('/api/villages');
  const editor = useEditor<Hamlet>();
  const save = useSaveRecord(ENDPOINT);
  const record = editor.record;

  return (
    <>
      <PageHeader title={t('hamlets.title')} description={t('hamlets.description')} />
      <ListTable<Hamlet>
        list={list}
        searchPlaceholder={t('hamlets.search')}
        emptyText={t('hamlets.empty')}
        exportName={t('hamlets.title')}
        onCreate={can('org.write') ? editor.openCreate : undefined}
        filters={
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('hamlets.village')}
            style={{ width: 180 }}
            options={villages.options}
            value={list.filters.villageId}
            onChange={(v?: string) => list.setFilter('villageId', v)}
          />
        }
        columns={[
          { title: t('fields.name'), dataIndex: 'name', render: (name: string) => <strong>{name}</strong> },
          { title: t('hamlets.village'), dataIndex: 'villageName' },
        ]}
        rowActions={(h) => (
          <RecordActions record={h} endpoint={ENDPOINT} name={h.name} onEdit={() => editor.openEdit(h)} />
        )}
      />
      <RecordFormDrawer<HamletValues>
        open={editor.open}
        title={record ? t('hamlets.editTitle') : t('hamlets.createTitle')}
        onClose={editor.close}
        successMessage={record ? t('common.savedOk') : t('common.createdOk')}
        initialValues={
          record ? { villageId: record.villageId, name: record.name } : { villageId: list.filters.villageId }
        }
        onSubmit={(values) => save(record, values)}
      >
        <Form.Item name="villageId" label={t('hamlets.village')} required rules={[zodRule(t, S.villageId)]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={villages.options} loading={villages.loading} />
        </Form.Item>
        <Form.Item name="name" label={t('fields.name')} required rules={[zodRule(t, S.name)]}>
          <Input placeholder={t('hamlets.namePlaceholder')} maxLength={50} />
        </Form.Item>
      </RecordFormDrawer>
    </>
  );
}
