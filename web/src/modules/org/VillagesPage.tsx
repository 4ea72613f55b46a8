/** 村/社区: list, search, create, edit, disable. */
import { Form, Input, InputNumber, Radio, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { VillageInput, VillageKind, type Village } from '../../../../common/org/schemas.ts';
import { useCan } from '../../app/auth.ts';
import { enumLabel, enumOptions } from '../../components/enums.ts';
import { zodRule } from '../../components/formRules.ts';
import { ListTable } from '../../components/ListTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RecordActions } from '../../components/RecordActions.tsx';
import { RecordFormDrawer } from '../../components/RecordFormDrawer.tsx';
import { useEditor, useSaveRecord } from '../../components/useEditor.ts';
import { useList } from '../../components/useList.ts';

const ENDPOINT = '/api/villages';
const S = VillageInput.shape;
type VillageValues = z.input<typeof VillageInput>;

export function VillagesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const list = useList<Village>(ENDPOINT);
  const editor = useEditor<Village>();
  const save = useSaveRecord(ENDPOINT);
  const record = editor.record;

  return (
    <>
      <PageHeader title={t('villages.title')} description={t('villages.description')} />
      <ListTable<Village>
        list={list}
        searchPlaceholder={t('villages.search')}
        emptyText={t('villages.empty')}
        exportName={t('villages.title')}
        onCreate={can('org.write') ? editor.openCreate : undefined}
        columns={[
          { title: t('fields.name'), dataIndex: 'name', render: (name: string) => <strong>{name}</strong> },
          {
            title: t('fields.kind'),
            dataIndex: 'kind',
            render: (kind: string) => (
              <Tag color={kind === 'community' ? 'blue' : 'green'}>{enumLabel(t, 'villageKind', kind)}</Tag>
            ),
          },
          { title: t('fields.code'), dataIndex: 'code', render: (v: string | null) => v ?? t('common.none') },
          { title: t('villages.hamletCount'), dataIndex: 'hamletCount', align: 'right' },
          { title: t('villages.workstationCount'), dataIndex: 'workstationCount', align: 'right' },
          { title: t('fields.sort'), dataIndex: 'sort', align: 'right', responsive: ['lg'] },
        ]}
        rowActions={(v) => (
          <RecordActions record={v} endpoint={ENDPOINT} name={v.name} onEdit={() => editor.openEdit(v)} />
        )}
      />
      <RecordFormDrawer<VillageValues>
        open={editor.open}
        title={record ? t('villages.editTitle') : t('villages.createTitle')}
        onClose={editor.close}
        successMessage={record ? t('common.savedOk') : t('common.createdOk')}
        initialValues={
          record
            ? { name: record.name, kind: record.kind, code: record.code, sort: record.sort }
            : { kind: 'village', sort: 0 }
        }
        onSubmit={(values) => save(record, values)}
      >
        <Form.Item name="name" label={t('fields.name')} required rules={[zodRule(t, S.name)]}>
          <Input placeholder={t('villages.namePlaceholder')} maxLength={50} data-testid="field-name" />
        </Form.Item>
        <Form.Item name="kind" label={t('fields.kind')} required>
          <Radio.Group options={enumOptions(t, 'villageKind', VillageKind.options)} optionType="button" />
        </Form.Item>
        <Form.Item name="code" label={t('fields.code')} rules={[zodRule(t, S.code)]}>
          <Input placeholder={t('villages.codePlaceholder')} maxLength={12} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="sort" label={t('fields.sort')} rules={[zodRule(t, S.sort)]}>
          <InputNumber min={0} max={9999} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </RecordFormDrawer>
    </>
  );
}
