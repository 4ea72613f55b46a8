/** Row actions of a record: 编辑 when `can.update`, 停用/启用 (confirmed) when `can.disable`. */
import { useMutation } from '@tanstack/react-query';
import { Button, Popconfirm, Space } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api.ts';
import { notify } from '../app/notify.ts';

export interface ActionableRecord {
  id: string;
  version: number;
  disabled: boolean;
  can: { update: boolean; disable: boolean };
}

interface RecordActionsProps {
  record: ActionableRecord;
  endpoint: string;
  name: string;
  onEdit?: () => void;
  /** Extra buttons shown first (e.g. 查看). */
  before?: ReactNode;
}

export function RecordActions({ record, endpoint, name, onEdit, before }: RecordActionsProps) {
  const { t } = useTranslation();
  const toggle = useMutation({
    mutationFn: (disabled: boolean) =>
      api(`${endpoint}/${record.id}`, { method: 'PATCH', body: { disabled, version: record.version } }),
    onSuccess: (_data, disabled) => notify.success(disabled ? t('common.disabledOk') : t('common.enabledOk')),
  });
  return (
    <Space size={0} wrap>
      {before}
      {record.can.update && onEdit && !record.disabled && (
        <Button type="link" size="small" onClick={onEdit}>
          {t('common.edit')}
        </Button>
      )}
      {record.can.disable && (
        <Popconfirm
          title={record.disabled ? t('common.confirmEnable', { name }) : t('common.confirmDisable', { name })}
          okText={record.disabled ? t('common.enable') : t('common.disable')}
          okButtonProps={{ danger: !record.disabled }}
          cancelText={t('common.cancel')}
          onConfirm={() => toggle.mutateAsync(!record.disabled)}
        >
          <Button type="link" size="small" danger={!record.disabled} loading={toggle.isPending}>
            {record.disabled ? t('common.enable') : t('common.disable')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
