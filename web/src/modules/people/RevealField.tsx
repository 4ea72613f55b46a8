/** A masked mobile or ID number with a 查看 button; revealing is audited by the server. */
import { EyeOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button, Space, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { RevealOutput } from '../../../../common/people/schemas.ts';
import { api } from '../../app/api.ts';

interface RevealFieldProps {
  personId: string;
  field: 'mobile' | 'idNumber';
  masked: string | null;
  canReveal: boolean;
}

export function RevealField({ personId, field, masked, canReveal }: RevealFieldProps) {
  const { t } = useTranslation();
  const reveal = useMutation({
    mutationFn: () =>
      api<z.infer<typeof RevealOutput>>(`/api/people/${personId}/reveal`, { method: 'POST', body: { field } }),
  });
  if (!masked) return <>{t('common.none')}</>;
  if (reveal.data) {
    return (
      <Space direction="vertical" size={0}>
        <Typography.Text copyable strong data-testid={`revealed-${field}`}>
          {reveal.data.value ?? t('common.none')}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('people.revealed')}
        </Typography.Text>
      </Space>
    );
  }
  return (
    <Space>
      <span>{masked}</span>
      {canReveal && (
        <Tooltip title={t('people.revealNote')}>
          <Button
            size="small"
            type="link"
            icon={<EyeOutlined />}
            loading={reveal.isPending}
            onClick={() => reveal.mutate()}
          >
            {t('people.reveal')}
          </Button>
        </Tooltip>
      )}
    </Space>
  );
}
