/** 招募审核: applications from the H5 page; a drawer to read one, approve (roles, squad) or decline. */
import { Button, Descriptions, Drawer, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApplicationStatus, type Application } from '../../../../common/members/recruitment.ts';
import { formatDateTime } from '../../app/format.ts';
import { ColourTag } from '../../components/ColourTag.tsx';
import { enumLabel } from '../../components/enums.ts';
import { ListTable } from '../../components/ListTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useList } from '../../components/useList.ts';
import { useOptions } from '../../components/useOptions.ts';
import { PasswordModal } from './PasswordModal.tsx';
import { type ApproveAnswer, ReviewActions } from './ReviewActions.tsx';

const COLOUR: Record<string, string> = { pending: 'processing', approved: 'success', declined: 'default' };

export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={COLOUR[status]}>{t(`recruitment.status.${status}`)}</Tag>;
}

export function ApplicationsPage() {
  const { t } = useTranslation();
  const list = useList<Application>('/api/applications', { filterKeys: ['status', 'teamId'] });
  const teams = useOptions('/api/teams');
  const [open, setOpen] = useState<Application | null>(null);
  const [answer, setAnswer] = useState<ApproveAnswer | null>(null);
  const none = t('common.none');
  const current = open ? (list.result.data?.items.find((a) => a.id === open.id) ?? open) : null;

  return (
    <>
      <PageHeader title={t('recruitmentPages.title')} description={t('recruitmentPages.description')} />
      <ListTable<Application>
        list={list}
        searchPlaceholder={t('recruitmentPages.search')}
        emptyText={t('recruitmentPages.empty')}
        showDisabledToggle={false}
        filters={
          <>
            <Select
              allowClear
              placeholder={t('common.status')}
              style={{ width: 120 }}
              options={ApplicationStatus.options.map((s) => ({ value: s, label: t(`recruitment.status.${s}`) }))}
              value={list.filters.status}
              onChange={(v?: string) => list.setFilter('status', v)}
            />
            <Select
              allowClear
              placeholder={t('fields.teamId')}
              style={{ width: 190 }}
              options={teams.options}
              value={list.filters.teamId}
              onChange={(v?: string) => list.setFilter('teamId', v)}
            />
          </>
        }
        columns={[
          { title: t('recruitmentPages.code'), dataIndex: 'code', render: (c: string) => <code>{c}</code> },
          {
            title: t('fields.displayName'),
            dataIndex: 'name',
            render: (name: string, a) => (
              <Button type="link" style={{ padding: 0 }} onClick={() => setOpen(a)}>
                <strong>{name}</strong>
              </Button>
            ),
          },
          { title: t('fields.villageId'), dataIndex: 'villageName', render: (v: string | null) => v ?? none },
          {
            title: t('recruitmentPages.teams'),
            dataIndex: 'teams',
            render: (teamsOf: Application['teams']) => (
              <Space size={[0, 4]} wrap>
                {teamsOf.map((x) => (
                  <ColourTag key={x.id} colour={x.colour} label={x.name} />
                ))}
              </Space>
            ),
          },
          { title: t('fields.mobile'), dataIndex: 'mobile' },
          { title: t('recruitmentPages.appliedAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
          { title: t('common.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
        ]}
        rowActions={(a) => (
          <Button type="link" size="small" onClick={() => setOpen(a)}>
            {a.can.review ? t('recruitmentPages.approve') + ' / ' + t('recruitmentPages.decline') : t('common.view')}
          </Button>
        )}
        actionsWidth={130}
      />
      <Drawer
        open={current !== null}
        onClose={() => setOpen(null)}
        title={current ? `${t('recruitmentPages.detail')} ${current.code}` : ''}
        size={560}
        destroyOnHidden
        footer={
          current?.can.review && (
            <ReviewActions application={current} onDone={() => void list.result.refetch()} onApproved={setAnswer} />
          )
        }
      >
        {current && (
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('common.status')}>
              <StatusTag status={current.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('fields.displayName')}>{current.name}</Descriptions.Item>
            <Descriptions.Item label={t('fields.gender')}>{enumLabel(t, 'gender', current.gender)}</Descriptions.Item>
            <Descriptions.Item label={t('fields.birthYear')}>{current.birthYear ?? none}</Descriptions.Item>
            <Descriptions.Item label={t('fields.mobile')}>
              {current.mobile}
              {current.existingPersonId && (
                <div>
                  <Tag color="warning">{t('recruitmentPages.existing')}</Tag>
                </div>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('fields.idNumber')}>{current.idNumber ?? none}</Descriptions.Item>
            <Descriptions.Item label={t('fields.villageId')}>{current.villageName ?? none}</Descriptions.Item>
            <Descriptions.Item label={t('fields.politicalStatus')}>
              {enumLabel(t, 'politicalStatus', current.politicalStatus)}
            </Descriptions.Item>
            <Descriptions.Item label={t('fields.backgrounds')}>
              {current.backgrounds.map((b) => enumLabel(t, 'background', b)).join('、') || none}
            </Descriptions.Item>
            <Descriptions.Item label={t('fields.skills')}>{current.skills.join('、') || none}</Descriptions.Item>
            <Descriptions.Item label={t('recruitmentPages.teams')}>
              <Space size={[0, 4]} wrap>
                {current.teams.map((x) => (
                  <ColourTag key={x.id} colour={x.colour} label={x.name} />
                ))}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('recruitmentPages.motivation')}>{current.motivation ?? none}</Descriptions.Item>
            <Descriptions.Item label={t('recruitmentPages.appliedAt')}>
              {formatDateTime(current.createdAt)}
            </Descriptions.Item>
            {current.reviewedAt && (
              <Descriptions.Item label={t('recruitmentPages.reviewer')}>
                {current.reviewerName ?? none} · {formatDateTime(current.reviewedAt)}
              </Descriptions.Item>
            )}
            {current.declineReason && (
              <Descriptions.Item label={t('recruitmentPages.reason')}>{current.declineReason}</Descriptions.Item>
            )}
          </Descriptions>
        )}
      </Drawer>
      <PasswordModal answer={answer} onClose={() => setAnswer(null)} />
    </>
  );
}
