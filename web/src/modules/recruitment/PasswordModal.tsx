/** The first password of a new member's login, shown once. */
import { Alert, Descriptions, Modal, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApproveAnswer } from './ReviewActions.tsx';

export function PasswordModal({ answer, onClose }: { answer: ApproveAnswer | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={answer !== null}
      title={t('recruitmentPages.passwordTitle')}
      closable={false}
      maskClosable={false}
      cancelButtonProps={{ style: { display: 'none' } }}
      okText={t('common.ok')}
      onOk={onClose}
    >
      {answer?.temporaryPassword ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type="warning" showIcon message={t('recruitmentPages.passwordNote')} />
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label={t('recruitmentPages.username')}>{answer.username}</Descriptions.Item>
            <Descriptions.Item label={t('recruitmentPages.password')}>
              <Typography.Text copyable strong code data-testid="temporary-password">
                {answer.temporaryPassword}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        </Space>
      ) : (
        <Alert type="info" showIcon message={t('recruitmentPages.existingAccount')} />
      )}
    </Modal>
  );
}
