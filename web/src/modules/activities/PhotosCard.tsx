/** The activity's photos: preview, add (uploaded first, then attached), remove with confirmation. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Form, Image, Popconfirm, Space, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { photoIds, PhotoUpload } from '../requests/PhotoUpload.tsx';
import type { ActivityDetail } from './types.ts';
import { useActivityCall } from './useActivity.ts';

export function PhotosCard({ activity }: { activity: ActivityDetail }) {
  const { t } = useTranslation();
  const call = useActivityCall(activity.id);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [saving, setSaving] = useState(false);
  const editable = activity.can.manage && activity.operations.includes('photos');
  const ready = photoIds(files);

  const attach = async () => {
    setSaving(true);
    try {
      await call(
        'POST',
        '/photos',
        { photoIds: ready },
        { success: t('activityPages.photosAdded', { count: ready.length }) },
      );
      setFiles([]);
    } catch {
      // Shown by the runner.
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card variant="borderless" title={t('activityPages.photos')}>
      {activity.photos.length ? (
        <Image.PreviewGroup>
          <Space wrap size={12}>
            {activity.photos.map((p) => (
              <div key={p.id} className="lx-activity-photo">
                <Image src={p.url} width={140} height={140} style={{ objectFit: 'cover' }} />
                {editable && (
                  <Popconfirm
                    title={t('activityPages.removePhotoConfirm')}
                    okButtonProps={{ danger: true }}
                    onConfirm={() =>
                      call('DELETE', `/photos/${p.id}`, undefined, { success: t('activityPages.photoRemoved') }).catch(
                        () => undefined,
                      )
                    }
                  >
                    <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('activityPages.remove')} />
                  </Popconfirm>
                )}
              </div>
            ))}
          </Space>
        </Image.PreviewGroup>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('activityPages.photosNone')} />
      )}
      {editable && (
        <Form layout="vertical" style={{ marginTop: 16 }}>
          <Form.Item label={t('activityPages.addPhotos')}>
            <PhotoUpload value={files} onChange={setFiles} />
          </Form.Item>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            disabled={ready.length === 0}
            loading={saving}
            onClick={() => void attach()}
          >
            {t('activityPages.attachPhotos')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
