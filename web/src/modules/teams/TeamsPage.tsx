/** 服务队: the colour teams, with members and squads counts. */
import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Team } from '../../../../common/teams/schemas.ts';
import { useCan } from '../../app/auth.ts';
import { colourHex, ColourTag } from '../../components/ColourTag.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RecordActions } from '../../components/RecordActions.tsx';
import { useEditor } from '../../components/useEditor.ts';
import { useList } from '../../components/useList.ts';
import { TeamForm } from './TeamForm.tsx';

export function TeamsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const list = useList<Team>('/api/teams');
  const editor = useEditor<Team>();

  return (
    <>
      <PageHeader title={t('teams.title')} description={t('teams.description')} />
      <ListTable<Team>
        list={list}
        searchPlaceholder={t('teams.search')}
        emptyText={t('teams.empty')}
        exportName={t('teams.title')}
        onCreate={can('teams.write') ? editor.openCreate : undefined}
        actionsWidth={190}
        columns={[
          {
            title: t('fields.name'),
            dataIndex: 'name',
            render: (name: string, team) => (
              <Link to={`/teams/${team.id}`}>
                <span className="lx-colour-dot" style={{ background: colourHex(team.colour) }} />
                <strong>{name}</strong>
              </Link>
            ),
          },
          { title: t('fields.colour'), dataIndex: 'colour', render: (c: string) => <ColourTag colour={c} /> },
          { title: t('fields.focus'), dataIndex: 'focus' },
          {
            title: t('teams.leaders'),
            dataIndex: 'leaders',
            render: (leaders: Team['leaders']) =>
              leaders.length ? (
                leaders.map((l) => l.name).join('、')
              ) : (
                <span style={{ color: '#bbb' }}>{t('teams.noLeader')}</span>
              ),
          },
          { title: t('teams.memberCount'), dataIndex: 'memberCount', align: 'right' },
          { title: t('teams.squadCount'), dataIndex: 'squadCount', align: 'right' },
        ]}
        rowActions={(team) => (
          <RecordActions
            record={team}
            endpoint="/api/teams"
            name={team.name}
            onEdit={() => editor.openEdit(team)}
            before={
              <Space size={0}>
                <Button type="link" size="small" onClick={() => navigate(`/teams/${team.id}`)}>
                  {t('common.detail')}
                </Button>
              </Space>
            }
          />
        )}
      />
      <TeamForm editor={editor} />
    </>
  );
}
