/** 关爱对象: the registry with search, filters, overdue badges, Excel export, import and create. */
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Select, Space, Switch, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  RECIPIENT_KINDS,
  RISK_LEVELS,
  type CareRecipient,
  type CareRecipientDetail,
} from '../../../../common/care/schemas.ts';
import { useCan } from '../../app/auth.ts';
import { formatDate } from '../../app/format.ts';
import { enumLabel } from '../../components/enums.ts';
import { ListTable } from '../../components/ListTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useEditor } from '../../components/useEditor.ts';
import { useList } from '../../components/useList.ts';
import { useOptions } from '../../components/useOptions.ts';
import { DueText, FrequencyText, KindTags, PairedNames, RiskTag } from './labels.tsx';
import { RecipientFormDrawer } from './RecipientFormDrawer.tsx';
import { ageOf, RECIPIENTS } from './types.ts';

export function RecipientsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const client = useQueryClient();
  const editor = useEditor<CareRecipientDetail>();
  const list = useList<CareRecipient>(RECIPIENTS, {
    filterKeys: ['kind', 'villageId', 'riskLevel', 'status', 'overdue'],
  });
  const villages = useOptions('/api/villages');

  return (
    <>
      <PageHeader
        title={t('carePages.title')}
        description={t('carePages.description')}
        extra={
          can('care.manage') && (
            <Space>
              <Button icon={<UploadOutlined />} onClick={() => navigate('/care/import')} data-testid="care-import-link">
                {t('carePages.import')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={editor.openCreate} data-testid="create-button">
                {t('carePages.create')}
              </Button>
            </Space>
          )
        }
      />
      <ListTable<CareRecipient>
        list={list}
        searchPlaceholder={t('carePages.search')}
        emptyText={t('carePages.empty')}
        exportName={t('carePages.title')}
        showDisabledToggle={false}
        filters={
          <>
            <Select
              allowClear
              placeholder={t('carePages.kinds')}
              style={{ width: 130 }}
              options={RECIPIENT_KINDS.map((k) => ({ value: k, label: t(`carePages.kindLabels.${k}`) }))}
              value={list.filters.kind}
              onChange={(v?: string) => list.setFilter('kind', v)}
              data-testid="filter-kind"
            />
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('carePages.village')}
              style={{ width: 140 }}
              options={villages.options}
              value={list.filters.villageId}
              onChange={(v?: string) => list.setFilter('villageId', v)}
            />
            <Select
              allowClear
              placeholder={t('carePages.risk')}
              style={{ width: 110 }}
              options={RISK_LEVELS.map((r) => ({ value: r, label: t(`carePages.riskLabels.${r}`) }))}
              value={list.filters.riskLevel}
              onChange={(v?: string) => list.setFilter('riskLevel', v)}
            />
            <Select
              placeholder={t('carePages.status')}
              style={{ width: 120 }}
              options={[
                { value: 'active', label: t('carePages.statusLabels.active') },
                { value: 'inactive', label: t('carePages.statusLabels.inactive') },
                { value: 'all', label: t('carePages.statusAll') },
              ]}
              value={list.filters.status ?? 'active'}
              onChange={(v: string) => list.setFilter('status', v === 'active' ? undefined : v)}
            />
            <label style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
              <Switch
                size="small"
                checked={list.filters.overdue === 'true'}
                onChange={(on) => list.setFilter('overdue', on ? 'true' : undefined)}
                data-testid="filter-overdue"
              />
              {t('carePages.overdueOnly')}
            </label>
          </>
        }
        columns={[
          {
            title: t('carePages.name'),
            dataIndex: 'name',
            fixed: 'left',
            render: (name: string, r) => (
              <Space size={4}>
                <Link to={`/care/recipients/${r.id}`} data-testid="recipient-link">
                  <strong>{name}</strong>
                </Link>
                {r.child && <Tag color="magenta">{t('carePages.child')}</Tag>}
                {r.status === 'inactive' && <Tag>{t('carePages.statusLabels.inactive')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('carePages.kinds'),
            dataIndex: 'kinds',
            render: (kinds: CareRecipient['kinds']) => <KindTags kinds={kinds} />,
          },
          {
            title: t('carePages.genderAge'),
            key: 'age',
            responsive: ['xl'],
            render: (_v, r) => {
              const age = ageOf(r.birthYear);
              return (
                [r.gender ? enumLabel(t, 'gender', r.gender) : null, age ? t('carePages.age', { age }) : null]
                  .filter(Boolean)
                  .join(' · ') || t('common.none')
              );
            },
          },
          {
            title: t('carePages.village'),
            dataIndex: 'villageName',
            render: (v: string | null, r) => [v, r.hamletName].filter(Boolean).join(' · ') || t('common.none'),
          },
          { title: t('carePages.mobile'), dataIndex: 'mobile', render: (v: string | null) => v ?? t('common.none') },
          {
            title: t('carePages.risk'),
            dataIndex: 'riskLevel',
            render: (r: CareRecipient['riskLevel']) => <RiskTag risk={r} />,
          },
          {
            title: t('carePages.frequency'),
            dataIndex: 'frequency',
            render: (f: string | null, r) => <FrequencyText frequency={f} days={r.frequencyDays} />,
          },
          {
            title: t('carePages.lastVisit'),
            dataIndex: 'lastVisitAt',
            render: (v: string | null) =>
              v ? formatDate(v) : <span style={{ color: '#8c8c8c' }}>{t('carePages.neverVisited')}</span>,
          },
          {
            title: t('carePages.nextDue'),
            dataIndex: 'nextDueAt',
            render: (v: string | null, r) =>
              r.status === 'active' ? <DueText nextDueAt={v} overdue={r.overdue} /> : t('common.none'),
          },
          {
            title: t('carePages.paired'),
            dataIndex: 'pairedMembers',
            render: (m: CareRecipient['pairedMembers']) => <PairedNames members={m} />,
          },
        ]}
        rowActions={(r) => (
          <Button type="link" size="small" onClick={() => navigate(`/care/recipients/${r.id}`)}>
            {t('common.view')}
          </Button>
        )}
        actionsWidth={80}
      />
      {editor.open && (
        <RecipientFormDrawer
          record={editor.record}
          onClose={editor.close}
          onSaved={(saved) => {
            void client.invalidateQueries({ queryKey: [RECIPIENTS] });
            if (!editor.record) navigate(`/care/recipients/${saved.id}`);
          }}
        />
      )}
    </>
  );
}
