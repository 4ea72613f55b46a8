/** Toolbar (search, filters, disabled toggle, export, create) + server-paginated table + empty state. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Input, Switch, Table, Tag, type TableColumnsType, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportButton } from './ExportButton.tsx';
import type { ListController } from './useList.ts';

export interface ListRecord {
  id: string;
  disabled?: boolean;
}

export interface ListTableProps<T extends ListRecord> {
  list: ListController<T>;
  columns: TableColumnsType<T>;
  searchPlaceholder: string;
  /** Extra filter controls shown after the search box. */
  filters?: ReactNode;
  /** Shown when there is nothing at all yet. */
  emptyText: string;
  /** Shown only when set: the user may create. */
  onCreate?: () => void;
  createLabel?: string;
  /** File name used if the server gives none; omit to hide the export. */
  exportName?: string;
  /** Row action buttons; adds the actions column. */
  rowActions?: (record: T) => ReactNode;
  actionsWidth?: number;
  showDisabledToggle?: boolean;
  expandable?: TableProps<T>['expandable'];
  /** Inside another card (e.g. a detail page): no own card. */
  bare?: boolean;
}

export function ListTable<T extends ListRecord>(props: ListTableProps<T>) {
  const { list, columns, searchPlaceholder, filters, emptyText, onCreate, createLabel, exportName, rowActions } = props;
  const { t } = useTranslation();
  const data = list.result.data;
  const allColumns: TableColumnsType<T> = [...columns];
  if (list.includeDisabled) {
    allColumns.push({
      title: t('common.status'),
      key: 'status',
      width: 90,
      render: (_v, r) =>
        r.disabled ? <Tag>{t('common.inactive')}</Tag> : <Tag color="success">{t('common.active')}</Tag>,
    });
  }
  if (rowActions) {
    allColumns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: props.actionsWidth ?? 150,
      render: (_v, r) => rowActions(r),
    });
  }

  const empty = (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={list.filtered ? t('common.emptyFiltered') : emptyText}>
      {!list.filtered && onCreate && (
        <Button type="primary" icon={<PlusOutlined />} onClick={onCreate}>
          {createLabel ?? t('common.create')}
        </Button>
      )}
    </Empty>
  );

  const body = (
    <>
      <div className="lx-toolbar">
        <Input.Search
          allowClear
          defaultValue={list.q}
          placeholder={searchPlaceholder}
          onSearch={list.setSearch}
          style={{ width: 260 }}
          data-testid="list-search"
        />
        {filters}
        {props.showDisabledToggle !== false && (
          <label style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
            <Switch size="small" checked={list.includeDisabled} onChange={list.setIncludeDisabled} />
            {t('common.showDisabled')}
          </label>
        )}
        <span className="lx-toolbar-spacer" />
        {exportName && <ExportButton endpoint={`${list.endpoint}/export`} query={list.query} fileName={exportName} />}
        {onCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={onCreate} data-testid="create-button">
            {createLabel ?? t('common.create')}
          </Button>
        )}
      </div>
      <Table<T>
        rowKey="id"
        size="middle"
        columns={allColumns}
        dataSource={data?.items ?? []}
        loading={list.result.isFetching}
        scroll={{ x: 'max-content' }}
        expandable={props.expandable}
        rowClassName={(r) => (r.disabled ? 'lx-row-disabled' : '')}
        locale={{ emptyText: list.result.isPending ? ' ' : list.result.isError ? list.result.error.message : empty }}
        pagination={{
          current: list.page,
          pageSize: list.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => t('common.total', { total }),
          onChange: list.setPage,
          hideOnSinglePage: false,
        }}
      />
    </>
  );
  return props.bare ? body : <Card variant="borderless">{body}</Card>;
}
