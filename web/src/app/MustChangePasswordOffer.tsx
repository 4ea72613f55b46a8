/** After signing in with an initial or temporary password, offer to change it (dismissable). */
import { Button, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from './auth.ts';
import { ChangePasswordModal } from './ChangePasswordModal.tsx';

const DISMISSED_KEY = 'lianxin.passwordOfferDismissed';

function wasDismissed(): boolean {
  try {
    return sessionStorage.getItem(DISMISSED_KEY) === '1';
  } catch {
    return false;
  }
}

export function MustChangePasswordOffer() {
  const me = useMe();
  const { t } = useTranslation();
  const [offer, setOffer] = useState(() => me.user.mustChangePassword && !wasDismissed());
  const [changing, setChanging] = useState(false);

  const dismiss = () => {
    try {
      sessionStorage.setItem(DISMISSED_KEY, '1');
    } catch {
      // The offer will simply come back next time.
    }
    setOffer(false);
  };

  return (
    <>
      <Modal
        open={offer}
        title={t('auth.mustChangeTitle')}
        onCancel={dismiss}
        footer={
          <Space>
            <Button onClick={dismiss} data-testid="password-later">
              {t('auth.later')}
            </Button>
            <Button
              type="primary"
              onClick={() => {
                setOffer(false);
                setChanging(true);
              }}
            >
              {t('auth.changeNow')}
            </Button>
          </Space>
        }
      >
        <Typography.Paragraph>{t('auth.mustChangeBody')}</Typography.Paragraph>
      </Modal>
      <ChangePasswordModal open={changing} onClose={() => setChanging(false)} />
    </>
  );
}
