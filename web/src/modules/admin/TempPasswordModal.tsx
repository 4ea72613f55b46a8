/** Shows a one-time temporary password once, with a copy button. */
import { CopyOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { TemporaryPassword } from '../../../../common/auth/schemas.ts';
import { notify } from '../../app/notify.ts';

export type TempPassword = z.infer<typeof TemporaryPassword>;

export function TempPasswordModal({ value, onClose }: { value: TempPassword | null; onClose: () => void }) {
  const { t } = useTranslation();
  const copy = async () => {
    if (!value) return;
    try {
      await navigator.clipboard.writeText(value.temporaryPassword);
      notify.success(t('common.copied'));
    } catch {
      notify.warning(value.temporaryPassword);
    }
  };
  return (
    <Modal
      open={value !== null}
      title={t('users.tempTitle')}
      onCancel={onClose}
      maskClosable={false}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('common.ok')}
        </Button>
      }
    >
      {value && (
        <>
          <Alert
            type="warning"
            showIcon
            title={t('users.tempBody', { name: value.user.displayName, username: value.user.username })}
            style={{ marginBottom: 16 }}
          />
          <div style={{ display: 'flex', gap: 12, alignItems: 'center', justifyContent: 'center' }}>
            <Typography.Text code style={{ fontSize: 22, letterSpacing: 2 }} data-testid="temp-password">
              {value.temporaryPassword}
            </Typography.Text>
            <Button icon={<CopyOutlined />} onClick={copy}>
              {t('common.copy')}
            </Button>
          </div>
        </>
      )}
    </Modal>
  );
}
