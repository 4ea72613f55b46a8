/** One team: its info, members (add, change role/squad, remove) and squads. */
import { EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Result, Skeleton, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Team } from '../../../../common/teams/schemas.ts';
import { api } from '../../app/api.ts';
import { ColourTag } from '../../components/ColourTag.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useEditor } from '../../components/useEditor.ts';
import { TeamFigures } from './TeamFigures.tsx';
import { TeamForm } from './TeamForm.tsx';
import { TeamMembers } from './TeamMembers.tsx';
import { TeamSquads } from './TeamSquads.tsx';

export function TeamDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const editor = useEditor<Team>();
  const team = useQuery({ queryKey: ['/api/teams', id], queryFn: () => api<Team>(`/api/teams/${id}`) });

  if (team.isError) return <Result status="warning" title={t('app.loadFailed')} subTitle={team.error.message} />;
  const data = team.data;
  const crumbs = [
    { title: t('nav.teamsGroup') },
    { title: t('nav.teams'), path: '/teams' },
    { title: data?.name ?? '…' },
  ];

  return (
    <>
      <PageHeader
        crumbs={crumbs}
        documentTitle={data?.name ?? t('teams.title')}
        title={
          data ? (
            <span>
              {data.name} <ColourTag colour={data.colour} />
            </span>
          ) : (
            t('teams.title')
          )
        }
        description={data?.focus}
        extra={
          data?.can.update && (
            <Button icon={<EditOutlined />} onClick={() => editor.openEdit(data)}>
              {t('common.edit')}
            </Button>
          )
        }
      />
      <Card variant="borderless" style={{ marginBottom: 16 }}>
        {data ? (
          <Descriptions column={{ xs: 1, sm: 2, lg: 4 }} size="small">
            <Descriptions.Item label={t('fields.colour')}>
              <ColourTag colour={data.colour} />
            </Descriptions.Item>
            <Descriptions.Item label={t('teams.leaders')}>
              {data.leaders.map((l) => l.name).join('、') || t('teams.noLeader')}
            </Descriptions.Item>
            <Descriptions.Item label={t('teams.memberCount')}>{data.memberCount}</Descriptions.Item>
            <Descriptions.Item label={t('teams.squadCount')}>{data.squadCount}</Descriptions.Item>
            <Descriptions.Item label={t('fields.description')} span={4}>
              {data.description ?? t('common.none')}
            </Descriptions.Item>
          </Descriptions>
        ) : (
          <Skeleton active paragraph={{ rows: 2 }} />
        )}
      </Card>
      {data && <TeamFigures teamId={data.id} />}
      {data && (
        <Card variant="borderless">
          <Tabs
            items={[
              {
                key: 'members',
                label: `${t('teams.members')} (${data.memberCount})`,
                children: <TeamMembers team={data} />,
              },
              {
                key: 'squads',
                label: `${t('teams.squads')} (${data.squadCount})`,
                children: <TeamSquads team={data} />,
              },
            ]}
          />
        </Card>
      )}
      <TeamForm editor={editor} />
    </>
  );
}
