/** A masked number with 查看: the full value comes from the reveal endpoint, which writes an audit row. */
import { useMutation } from '@tanstack/react-query';
import { Button, Space, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { notify } from '../../app/notify.ts';
import { RECIPIENTS } from './types.ts';

type Field = 'mobile' | 'idNumber' | 'guardianMobile';

interface Props {
  id: string;
  field: Field;
  masked: string | null;
  /** False when the value is already shown in full, or the user may not reveal. */
  canReveal: boolean;
}

export function RevealValue({ id, field, masked, canReveal }: Props) {
  const { t } = useTranslation();
  const reveal = useMutation({
    mutationFn: () =>
      api<{ field: Field; value: string | null }>(`${RECIPIENTS}/${id}/reveal`, { method: 'POST', body: { field } }),
    onSuccess: () => notify.success(t('carePages.revealed')),
  });
  if (!masked) return <>{t('common.none')}</>;
  return (
    <Space size={4}>
      <span data-testid={`care-${field}`}>{reveal.data?.value ?? masked}</span>
      {canReveal && !reveal.data && (
        <Tooltip title={t('people.revealNote')}>
          <Button type="link" size="small" loading={reveal.isPending} onClick={() => reveal.mutate()}>
            {t('carePages.reveal')}
          </Button>
        </Tooltip>
      )}
    </Space>
  );
}
