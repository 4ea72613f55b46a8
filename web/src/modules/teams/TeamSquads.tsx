/** The squads of one team. */
import { useTranslation } from 'react-i18next';
import type { Squad, Team } from '../../../../common/teams/schemas.ts';
import { ListTable } from '../../components/ListTable.tsx';
import { useList } from '../../components/useList.ts';

export function TeamSquads({ team }: { team: Team }) {
  const { t } = useTranslation();
  const list = useList<Squad>('/api/squads', { inUrl: false, fixed: { teamId: team.id } });
  return (
    <ListTable<Squad>
      bare
      list={list}
      searchPlaceholder={t('squads.search')}
      emptyText={t('teams.squadsEmpty')}
      showDisabledToggle={false}
      columns={[
        { title: t('fields.name'), dataIndex: 'name', render: (name: string) => <strong>{name}</strong> },
        { title: t('squads.village'), dataIndex: 'villageName' },
        { title: t('teams.memberCount'), dataIndex: 'memberCount', align: 'right' },
      ]}
    />
  );
}
