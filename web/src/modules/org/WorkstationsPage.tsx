/** 工作室: list by village and level, create, edit, disable. */
import { Select, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { WorkstationLevel, type Workstation } from '../../../../common/org/schemas.ts';
import { useCan } from '../../app/auth.ts';
import { enumLabel, enumOptions } from '../../components/enums.ts';
import { ListTable } from '../../components/ListTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RecordActions } from '../../components/RecordActions.tsx';
import { useEditor } from '../../components/useEditor.ts';
import { useList } from '../../components/useList.ts';
import { useOptions } from '../../components/useOptions.ts';
import { WorkstationForm } from './WorkstationForm.tsx';

export const WORKSTATIONS = '/api/workstations';

export function WorkstationsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const list = useList<Workstation>(WORKSTATIONS, { filterKeys: ['villageId', 'level'] });
  const villages = useOptions('/api/villages');
  const editor = useEditor<Workstation>();

  return (
    <>
      <PageHeader title={t('workstations.title')} description={t('workstations.description')} />
      <ListTable<Workstation>
        list={list}
        searchPlaceholder={t('workstations.search')}
        emptyText={t('workstations.empty')}
        exportName={t('workstations.title')}
        onCreate={can('org.write') ? editor.openCreate : undefined}
        filters={
          <>
            <Select
              allowClear
              placeholder={t('fields.level')}
              style={{ width: 120 }}
              options={enumOptions(t, 'workstationLevel', WorkstationLevel.options)}
              value={list.filters.level}
              onChange={(v?: string) => list.setFilter('level', v)}
            />
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('workstations.village')}
              style={{ width: 180 }}
              options={villages.options}
              value={list.filters.villageId}
              onChange={(v?: string) => list.setFilter('villageId', v)}
            />
          </>
        }
        columns={[
          { title: t('fields.name'), dataIndex: 'name', render: (name: string) => <strong>{name}</strong> },
          {
            title: t('fields.level'),
            dataIndex: 'level',
            render: (level: string) => (
              <Tag color={level === 'town' ? 'red' : 'default'}>{enumLabel(t, 'workstationLevel', level)}</Tag>
            ),
          },
          {
            title: t('workstations.village'),
            dataIndex: 'villageName',
            render: (v: string | null) => v ?? t('common.none'),
          },
          { title: t('fields.address'), dataIndex: 'address', ellipsis: true, width: 220 },
          { title: t('fields.openingHours'), dataIndex: 'openingHours', ellipsis: true, width: 220 },
          { title: t('fields.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? t('common.none') },
        ]}
        rowActions={(w) => (
          <RecordActions record={w} endpoint={WORKSTATIONS} name={w.name} onEdit={() => editor.openEdit(w)} />
        )}
      />
      <WorkstationForm editor={editor} villageOptions={villages.options} />
    </>
  );
}
