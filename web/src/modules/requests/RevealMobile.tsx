/** A masked mobile with 查看: reveals the full number (audited) when the user may. */
import { useMutation } from '@tanstack/react-query';
import { Button, Space, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { notify } from '../../app/notify.ts';
import { REQUESTS } from './types.ts';

export function RevealMobile({ id, masked, canReveal }: { id: string; masked: string | null; canReveal: boolean }) {
  const { t } = useTranslation();
  const reveal = useMutation({
    mutationFn: () => api<{ value: string }>(`${REQUESTS}/${id}/reveal`, { method: 'POST' }),
    onSuccess: () => notify.success(t('requests.revealed')),
    onError: (error) => notify.error(error.message),
  });
  if (!masked) return <>{t('common.none')}</>;
  return (
    <Space size={4}>
      <span data-testid="reporter-mobile">{reveal.data?.value ?? masked}</span>
      {canReveal && !reveal.data && (
        <Tooltip title={t('people.revealNote')}>
          <Button type="link" size="small" loading={reveal.isPending} onClick={() => reveal.mutate()}>
            {t('requests.reveal')}
          </Button>
        </Tooltip>
      )}
    </Space>
  );
}
