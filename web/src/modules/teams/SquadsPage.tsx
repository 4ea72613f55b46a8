/** 小队: each team's squads in the villages. */
import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import { SquadInput, type Squad } from '../../../../common/teams/schemas.ts';
import { useCan } from '../../app/auth.ts';
import { zodRule } from '../../components/formRules.ts';
import { ListTable } from '../../components/ListTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RecordActions } from '../../components/RecordActions.tsx';
import { RecordFormDrawer } from '../../components/RecordFormDrawer.tsx';
import { useEditor, useSaveRecord } from '../../components/useEditor.ts';
import { useList } from '../../components/useList.ts';
import { useOptions } from '../../components/useOptions.ts';

const ENDPOINT = '/api/squads';
const S = SquadInput.shape;
type Values = z.input<typeof SquadInput>;

export function SquadsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const list = useList<Squad>(ENDPOINT, { filterKeys: ['teamId', 'villageId'] });
  const teams = useOptions('/api/teams');
  const villages = useOptions('/api/villages');
  const editor = useEditor<Squad>();
  const save = useSaveRecord(ENDPOINT);
  const record = editor.record;

  return (
    <>
      <PageHeader title={t('squads.title')} description={t('squads.description')} />
      <ListTable<Squad>
        list={list}
        searchPlaceholder={t('squads.search')}
        emptyText={t('squads.empty')}
        exportName={t('squads.title')}
        onCreate={can('teams.write') ? editor.openCreate : undefined}
        filters={
          <>
            <Select
              allowClear
              placeholder={t('squads.team')}
              style={{ width: 200 }}
              options={teams.options}
              value={list.filters.teamId}
              onChange={(v?: string) => list.setFilter('teamId', v)}
            />
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('squads.village')}
              style={{ width: 160 }}
              options={villages.options}
              value={list.filters.villageId}
              onChange={(v?: string) => list.setFilter('villageId', v)}
            />
          </>
        }
        columns={[
          { title: t('fields.name'), dataIndex: 'name', render: (name: string) => <strong>{name}</strong> },
          {
            title: t('squads.team'),
            dataIndex: 'teamName',
            render: (name: string, s) => <Link to={`/teams/${s.teamId}`}>{name}</Link>,
          },
          { title: t('squads.village'), dataIndex: 'villageName' },
          { title: t('teams.memberCount'), dataIndex: 'memberCount', align: 'right' },
        ]}
        rowActions={(s) => (
          <RecordActions record={s} endpoint={ENDPOINT} name={s.name} onEdit={() => editor.openEdit(s)} />
        )}
      />
      <RecordFormDrawer<Values>
        open={editor.open}
        title={record ? t('squads.editTitle') : t('squads.createTitle')}
        onClose={editor.close}
        successMessage={record ? t('common.savedOk') : t('common.createdOk')}
        initialValues={
          record
            ? { teamId: record.teamId, villageId: record.villageId, name: record.name }
            : { teamId: list.filters.teamId, villageId: list.filters.villageId }
        }
        onSubmit={({ teamId, ...rest }) => save(record, record ? rest : { teamId, ...rest })}
      >
        <Form.Item name="teamId" label={t('squads.team')} required rules={[zodRule(t, S.teamId)]}>
          <Select options={teams.options} disabled={Boolean(record)} />
        </Form.Item>
        <Form.Item name="villageId" label={t('squads.village')} required rules={[zodRule(t, S.villageId)]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={villages.options} />
        </Form.Item>
        <Form.Item name="name" label={t('fields.name')} required rules={[zodRule(t, S.name)]}>
          <Input placeholder={t('squads.namePlaceholder')} maxLength={50} />
        </Form.Item>
      </RecordFormDrawer>
    </>
  );
}
