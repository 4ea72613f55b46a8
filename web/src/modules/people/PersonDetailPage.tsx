/** One person: profile, contact (masked, revealable) and teams. */
import { EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Empty, Result, Row, Skeleton, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Person } from '../../../../common/people/schemas.ts';
import { api } from '../../app/api.ts';
import { formatDateTime } from '../../app/format.ts';
import { ColourTag } from '../../components/ColourTag.tsx';
import { enumLabel } from '../../components/enums.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useEditor } from '../../components/useEditor.ts';
import { PersonForm } from './PersonForm.tsx';
import { RevealField } from './RevealField.tsx';

export function PersonDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const editor = useEditor<Person>();
  const person = useQuery({ queryKey: ['/api/people', id], queryFn: () => api<Person>(`/api/people/${id}`) });

  if (person.isError) return <Result status="warning" title={t('app.loadFailed')} subTitle={person.error.message} />;
  const p = person.data;
  const none = t('common.none');

  return (
    <>
      <PageHeader
        crumbs={[
          { title: t('nav.peopleGroup') },
          { title: t('nav.people'), path: '/people' },
          { title: p?.name ?? '…' },
        ]}
        title={
          p ? (
            <Space>
              {p.name}
              {p.disabled && <Tag>{t('common.inactive')}</Tag>}
            </Space>
          ) : (
            t('people.title')
          )
        }
        documentTitle={p?.name ?? t('people.title')}
        description={p?.volunteerNo ? `${t('people.volunteerNo')}：${p.volunteerNo}` : undefined}
        extra={
          p?.can.update &&
          !p.disabled && (
            <Button icon={<EditOutlined />} onClick={() => editor.openEdit(p)}>
              {t('common.edit')}
            </Button>
          )
        }
      />
      {!p ? (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <Card variant="borderless" title={t('people.profile')}>
              <Descriptions column={{ xs: 1, sm: 2 }} size="small">
                <Descriptions.Item label={t('fields.gender')}>{enumLabel(t, 'gender', p.gender)}</Descriptions.Item>
                <Descriptions.Item label={t('fields.birthYear')}>
                  {p.birthYear
                    ? `${p.birthYear}（${t('people.age', { age: new Date().getFullYear() - p.birthYear })}）`
                    : none}
                </Descriptions.Item>
                <Descriptions.Item label={t('fields.villageId')}>{p.villageName ?? none}</Descriptions.Item>
                <Descriptions.Item label={t('fields.politicalStatus')}>
                  {enumLabel(t, 'politicalStatus', p.politicalStatus)}
                </Descriptions.Item>
                <Descriptions.Item label={t('fields.backgrounds')} span={2}>
                  {p.backgrounds.length
                    ? p.backgrounds.map((b) => <Tag key={b}>{enumLabel(t, 'background', b)}</Tag>)
                    : none}
                </Descriptions.Item>
                <Descriptions.Item label={t('fields.skills')} span={2}>
                  {p.skills.length
                    ? p.skills.map((s) => (
                        <Tag key={s} color="geekblue">
                          {s}
                        </Tag>
                      ))
                    : none}
                </Descriptions.Item>
                <Descriptions.Item label={t('fields.notes')} span={2}>
                  {p.notes ?? none}
                </Descriptions.Item>
                <Descriptions.Item label={t('common.updatedAt')} span={2}>
                  {formatDateTime(p.updatedAt)}
                </Descriptions.Item>
              </Descriptions>
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <Space direction="vertical" size={16} style={{ width: '100%' }}>
              <Card variant="borderless" title={t('people.contact')}>
                <Descriptions column={1} size="small">
                  <Descriptions.Item label={t('fields.mobile')}>
                    <RevealField personId={p.id} field="mobile" masked={p.mobile} canReveal={p.can.reveal} />
                  </Descriptions.Item>
                  <Descriptions.Item label={t('fields.idNumber')}>
                    <RevealField personId={p.id} field="idNumber" masked={p.idNumber} canReveal={p.can.reveal} />
                  </Descriptions.Item>
                </Descriptions>
                {p.can.reveal && <Alert type="info" showIcon title={t('people.revealNote')} style={{ marginTop: 8 }} />}
              </Card>
              <Card variant="borderless" title={t('people.membership')}>
                {p.teams.length ? (
                  <Space direction="vertical">
                    {p.teams.map((m) => (
                      <Space key={m.teamId}>
                        <ColourTag colour={m.colour} />
                        <Link to={`/teams/${m.teamId}`}>{m.name}</Link>
                        <Tag>{enumLabel(t, 'teamRole', m.role)}</Tag>
                      </Space>
                    ))}
                  </Space>
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('people.noTeams')} />
                )}
              </Card>
            </Space>
          </Col>
        </Row>
      )}
      <PersonForm editor={editor} />
    </>
  );
}
