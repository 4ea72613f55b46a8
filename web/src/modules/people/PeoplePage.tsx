/** 人员库: everyone on record, with village, team and political-status filters. */
import { Button, Select, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PoliticalStatus, type Person } from '../../../../common/people/schemas.ts';
import { useCan } from '../../app/auth.ts';
import { ColourTag } from '../../components/ColourTag.tsx';
import { enumLabel, enumOptions } from '../../components/enums.ts';
import { ListTable } from '../../components/ListTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RecordActions } from '../../components/RecordActions.tsx';
import { useEditor } from '../../components/useEditor.ts';
import { useList } from '../../components/useList.ts';
import { useOptions } from '../../components/useOptions.ts';
import { PersonForm } from './PersonForm.tsx';

const STATUS_COLOUR: Record<string, string> = { cpc_member: 'red', cpc_probationary: 'volcano', cyl_member: 'blue' };

export function PeoplePage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const list = useList<Person>('/api/people', { filterKeys: ['villageId', 'teamId', 'politicalStatus'] });
  const villages = useOptions('/api/villages');
  const teams = useOptions('/api/teams');
  const editor = useEditor<Person>();

  return (
    <>
      <PageHeader title={t('people.title')} description={t('people.description')} />
      <ListTable<Person>
        list={list}
        searchPlaceholder={t('people.search')}
        emptyText={t('people.empty')}
        exportName={t('people.title')}
        onCreate={can('people.write') ? editor.openCreate : undefined}
        actionsWidth={170}
        filters={
          <>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('fields.villageId')}
              style={{ width: 150 }}
              options={villages.options}
              value={list.filters.villageId}
              onChange={(v?: string) => list.setFilter('villageId', v)}
            />
            <Select
              allowClear
              placeholder={t('fields.teamId')}
              style={{ width: 190 }}
              options={teams.options}
              value={list.filters.teamId}
              onChange={(v?: string) => list.setFilter('teamId', v)}
            />
            <Select
              allowClear
              placeholder={t('fields.politicalStatus')}
              style={{ width: 140 }}
              options={enumOptions(t, 'politicalStatus', PoliticalStatus.options)}
              value={list.filters.politicalStatus}
              onChange={(v?: string) => list.setFilter('politicalStatus', v)}
            />
          </>
        }
        columns={[
          {
            title: t('fields.displayName'),
            dataIndex: 'name',
            render: (name: string, p) => (
              <Link to={`/people/${p.id}`}>
                <strong>{name}</strong>
              </Link>
            ),
          },
          { title: t('fields.gender'), dataIndex: 'gender', render: (g: string | null) => enumLabel(t, 'gender', g) },
          { title: t('fields.birthYear'), dataIndex: 'birthYear', render: (y: number | null) => y ?? t('common.none') },
          {
            title: t('fields.villageId'),
            dataIndex: 'villageName',
            render: (v: string | null) => v ?? t('common.none'),
          },
          {
            title: t('fields.politicalStatus'),
            dataIndex: 'politicalStatus',
            render: (s: string) => <Tag color={STATUS_COLOUR[s]}>{enumLabel(t, 'politicalStatus', s)}</Tag>,
          },
          {
            title: t('people.teams'),
            dataIndex: 'teams',
            render: (teamsOf: Person['teams']) => (
              <Space size={[0, 4]} wrap>
                {teamsOf.map((m) => (
                  <ColourTag
                    key={m.teamId}
                    colour={m.colour}
                    label={`${m.name}${m.role === 'member' ? '' : ` · ${enumLabel(t, 'teamRole', m.role)}`}`}
                  />
                ))}
              </Space>
            ),
          },
          { title: t('fields.mobile'), dataIndex: 'mobile', render: (v: string | null) => v ?? t('common.none') },
          {
            title: t('people.volunteerNo'),
            dataIndex: 'volunteerNo',
            responsive: ['xl'],
            render: (v: string | null) => v ?? t('common.none'),
          },
        ]}
        rowActions={(p) => (
          <RecordActions
            record={p}
            endpoint="/api/people"
            name={p.name}
            onEdit={() => editor.openEdit(p)}
            before={
              <Button type="link" size="small" onClick={() => navigate(`/people/${p.id}`)}>
                {t('common.view')}
              </Button>
            }
          />
        )}
      />
      <PersonForm editor={editor} />
    </>
  );
}
