/** Photos for a request or an action: uploaded one by one to `/api/uploads`, shown as thumbnails. */
import { PlusOutlined } from '@ant-design/icons';
import { Upload, type UploadFile } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, uploadFile } from '../../app/api.ts';
import { notify } from '../../app/notify.ts';
import type { Upload as UploadAnswer } from './types.ts';

export const MAX_PHOTOS = 6;

/** The ids of the photos uploaded successfully. */
export function photoIds(files: UploadFile[] | undefined): string[] {
  return (files ?? [])
    .filter((f) => f.status === 'done')
    .map((f) => (f.response as UploadAnswer | undefined)?.id)
    .filter((id): id is string => Boolean(id));
}

interface PhotoUploadProps {
  value?: UploadFile[];
  onChange?: (files: UploadFile[]) => void;
}

/** A Form-friendly control: `value` is antd's file list. */
export function PhotoUpload({ value = [], onChange }: PhotoUploadProps) {
  const { t } = useTranslation();
  return (
    <Upload
      listType="picture-card"
      accept="image/*"
      multiple
      maxCount={MAX_PHOTOS}
      fileList={value}
      onChange={({ fileList }) => onChange?.(fileList)}
      customRequest={({ file, onProgress, onSuccess, onError }) => {
        uploadFile<UploadAnswer>('/api/uploads', file as Blob, (percent) => onProgress?.({ percent }))
          .then((answer) => onSuccess?.(answer))
          .catch((error: unknown) => {
            notify.error(error instanceof ApiError ? error.message : String(error));
            onError?.(error instanceof Error ? error : new Error(String(error)));
          });
      }}
      data-testid="photo-upload"
    >
      {value.length < MAX_PHOTOS && (
        <button type="button" style={{ border: 0, background: 'none', cursor: 'pointer' }}>
          <PlusOutlined />
          <div style={{ marginTop: 6 }}>{t('requests.upload')}</div>
        </button>
      )}
    </Upload>
  );
}
