/** One member: profile, teams, status (with confirmation), availability, upcoming shifts, hours, households. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Card, Col, Descriptions, Empty, Result, Row, Skeleton, Space, Statistic, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Member } from '../../../../common/members/schemas.ts';
import { api } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { ColourTag } from '../../components/ColourTag.tsx';
import { enumLabel } from '../../components/enums.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { AvailabilityCard } from './AvailabilityCard.tsx';
import { HouseholdsTab } from './HouseholdsTab.tsx';
import { MemberStatusTag } from './MemberStatusTag.tsx';
import { StatusButton } from './StatusButton.tsx';
import { ShiftTable } from './ShiftTable.tsx';

export function MemberDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const client = useQueryClient();
  const key = ['/api/members', id];
  const member = useQuery({ queryKey: key, queryFn: () => api<Member>(`/api/members/${id}`) });
  const refresh = (m: Member) => {
    client.setQueryData(key, m);
    void client.invalidateQueries({ queryKey: ['/api/members'] });
  };

  if (member.isError) return <Result status="warning" title={t('app.loadFailed')} subTitle={member.error.message} />;
  const m = member.data;
  const none = t('common.none');

  return (
    <>
      <PageHeader
        crumbs={[
          { title: t('nav.membersGroup') },
          { title: t('nav.members'), path: '/members' },
          { title: m?.name ?? '…' },
        ]}
        title={
          m ? (
            <Space>
              {m.name}
              <MemberStatusTag status={m.status} />
            </Space>
          ) : (
            t('memberPages.title')
          )
        }
        documentTitle={m?.name ?? t('memberPages.title')}
        description={m?.volunteerNo ? `${t('people.volunteerNo')}：${m.volunteerNo}` : undefined}
        extra={m?.can.update && <StatusButton member={m} onChanged={refresh} />}
      />
      {!m ? (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16}>
            <Card variant="borderless" title={t('memberPages.profile')}>
              <Descriptions column={{ xs: 1, sm: 2 }} size="small">
                <Descriptions.Item label={t('fields.gender')}>{enumLabel(t, 'gender', m.gender)}</Descriptions.Item>
                <Descriptions.Item label={t('fields.birthYear')}>{m.birthYear ?? none}</Descriptions.Item>
                <Descriptions.Item label={t('fields.mobile')}>{m.mobile ?? none}</Descriptions.Item>
                <Descriptions.Item label={t('fields.idNumber')}>{m.idNumber ?? none}</Descriptions.Item>
                <Descriptions.Item label={t('fields.villageId')}>{m.villageName ?? none}</Descriptions.Item>
                <Descriptions.Item label={t('fields.politicalStatus')}>
                  {enumLabel(t, 'politicalStatus', m.politicalStatus)}
                </Descriptions.Item>
                <Descriptions.Item label={t('fields.backgrounds')}>
                  {m.backgrounds.map((b) => enumLabel(t, 'background', b)).join('、') || none}
                </Descriptions.Item>
                <Descriptions.Item label={t('fields.skills')}>{m.skills.join('、') || none}</Descriptions.Item>
                <Descriptions.Item label={t('members.status')} span={2}>
                  <Space>
                    <MemberStatusTag status={m.status} />
                    {m.statusSince && t('memberPages.statusSince', { time: formatDateTime(m.statusSince) })}
                    {m.statusNote}
                  </Space>
                </Descriptions.Item>
                <Descriptions.Item label={t('memberPages.teams')} span={2}>
                  {m.teams.length ? (
                    <Space size={[0, 4]} wrap>
                      {m.teams.map((x) => (
                        <Link key={x.membershipId} to={`/teams/${x.teamId}`}>
                          <ColourTag
                            colour={x.colour}
                            label={`${x.name} · ${enumLabel(t, 'teamRole', x.role)}${x.squadName ? ` · ${x.squadName}` : ''}`}
                          />
                        </Link>
                      ))}
                    </Space>
                  ) : (
                    t('people.noTeams')
                  )}
                </Descriptions.Item>
              </Descriptions>
              <p style={{ marginTop: 12 }}>
                <Link to={`/people/${m.id}`}>{t('people.title')} →</Link>
              </p>
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            <Space direction="vertical" size={16} style={{ width: '100%' }}>
              <Card variant="borderless">
                <Row gutter={16}>
                  <Col span={12}>
                    <Statistic title={t('memberPages.hours')} value={m.hoursApproved} suffix="h" />
                  </Col>
                  <Col span={12}>
                    <Statistic title={t('memberPages.households')} value={m.householdCount} />
                  </Col>
                </Row>
              </Card>
              <AvailabilityCard member={m} onSaved={refresh} />
            </Space>
          </Col>
          <Col span={24}>
            <Card variant="borderless">
              <Tabs
                items={[
                  {
                    key: 'shifts',
                    label: t('memberPages.upcoming'),
                    children: m.upcomingShifts.length ? (
                      <ShiftTable shifts={m.upcomingShifts} />
                    ) : (
                      <Empty description={t('memberPages.noShifts')} />
                    ),
                  },
                  {
                    key: 'households',
                    label: `${t('memberPages.households')} (${m.householdCount})`,
                    children: <HouseholdsTab member={m} />,
                  },
                ]}
              />
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
