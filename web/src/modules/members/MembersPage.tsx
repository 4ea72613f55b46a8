/** 队员管理: team members with search (name, full mobile, volunteer number), filters, export and status. */
import { UploadOutlined } from '@ant-design/icons';
import { Button, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { MemberStatus, type MemberSummary } from '../../../../common/members/schemas.ts';
import { Background, PoliticalStatus } from '../../../../common/people/schemas.ts';
import { useCan } from '../../app/auth.ts';
import { ColourTag } from '../../components/ColourTag.tsx';
import { enumLabel, enumOptions } from '../../components/enums.ts';
import { ListTable } from '../../components/ListTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useList } from '../../components/useList.ts';
import { useOptions } from '../../components/useOptions.ts';
import { MemberStatusTag } from './MemberStatusTag.tsx';

export function MembersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const list = useList<MemberSummary>('/api/members', {
    filterKeys: ['teamId', 'squadId', 'villageId', 'status', 'politicalStatus', 'background'],
  });
  const villages = useOptions('/api/villages');
  const teams = useOptions('/api/teams');
  const squads = useOptions('/api/squads', { teamId: list.filters.teamId }, !!list.filters.teamId);

  return (
    <>
      <PageHeader
        title={t('memberPages.title')}
        description={t('memberPages.description')}
        extra={
          can('members.import') && (
            <Button icon={<UploadOutlined />} onClick={() => navigate('/members/import')}>
              {t('memberPages.import')}
            </Button>
          )
        }
      />
      <ListTable<MemberSummary>
        list={list}
        searchPlaceholder={t('memberPages.search')}
        emptyText={t('memberPages.empty')}
        exportName={t('memberPages.title')}
        showDisabledToggle={false}
        filters={
          <>
            <Select
              allowClear
              placeholder={t('fields.teamId')}
              style={{ width: 180 }}
              options={teams.options}
              value={list.filters.teamId}
              onChange={(v?: string) => list.setFilters({ teamId: v, squadId: undefined })}
            />
            {list.filters.teamId && (
              <Select
                allowClear
                placeholder={t('fields.squadId')}
                style={{ width: 150 }}
                options={squads.options}
                value={list.filters.squadId}
                onChange={(v?: string) => list.setFilter('squadId', v)}
              />
            )}
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('fields.villageId')}
              style={{ width: 140 }}
              options={villages.options}
              value={list.filters.villageId}
              onChange={(v?: string) => list.setFilter('villageId', v)}
            />
            <Select
              allowClear
              placeholder={t('members.status')}
              style={{ width: 110 }}
              options={MemberStatus.options.map((s) => ({ value: s, label: t(`members.statuses.${s}`) }))}
              value={list.filters.status}
              onChange={(v?: string) => list.setFilter('status', v)}
            />
            <Select
              allowClear
              placeholder={t('fields.politicalStatus')}
              style={{ width: 130 }}
              options={enumOptions(t, 'politicalStatus', PoliticalStatus.options)}
              value={list.filters.politicalStatus}
              onChange={(v?: string) => list.setFilter('politicalStatus', v)}
            />
            <Select
              allowClear
              placeholder={t('fields.backgrounds')}
              style={{ width: 130 }}
              options={enumOptions(t, 'background', Background.options)}
              value={list.filters.background}
              onChange={(v?: string) => list.setFilter('background', v)}
            />
          </>
        }
        columns={[
          {
            title: t('fields.displayName'),
            dataIndex: 'name',
            render: (name: string, m) => (
              <Link to={`/members/${m.id}`}>
                <strong>{name}</strong>
              </Link>
            ),
          },
          {
            title: t('people.volunteerNo'),
            dataIndex: 'volunteerNo',
            render: (v: string | null) => v ?? t('common.none'),
          },
          {
            title: t('memberPages.teams'),
            dataIndex: 'teams',
            render: (teams: MemberSummary['teams']) => (
              <Space size={[0, 4]} wrap>
                {teams.map((m) => (
                  <ColourTag
                    key={m.membershipId}
                    colour={m.colour}
                    label={`${m.name}${m.role === 'member' ? '' : ` · ${enumLabel(t, 'teamRole', m.role)}`}${m.squadName ? ` · ${m.squadName}` : ''}`}
                  />
                ))}
              </Space>
            ),
          },
          {
            title: t('fields.villageId'),
            dataIndex: 'villageName',
            render: (v: string | null) => v ?? t('common.none'),
          },
          {
            title: t('fields.politicalStatus'),
            dataIndex: 'politicalStatus',
            responsive: ['lg'],
            render: (s: string) => enumLabel(t, 'politicalStatus', s),
          },
          { title: t('fields.mobile'), dataIndex: 'mobile', render: (v: string | null) => v ?? t('common.none') },
          {
            title: t('members.status'),
            dataIndex: 'status',
            render: (s: MemberSummary['status']) => <MemberStatusTag status={s} />,
          },
        ]}
        rowActions={(m) => (
          <Button type="link" size="small" onClick={() => navigate(`/members/${m.id}`)}>
            {t('common.view')}
          </Button>
        )}
        actionsWidth={80}
      />
    </>
  );
}
