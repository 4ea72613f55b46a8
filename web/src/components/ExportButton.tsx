/** Downloads a list's Excel twin with the current filters. */
import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, download, type Query } from '../app/api.ts';
import { notify } from '../app/notify.ts';

export function ExportButton({ endpoint, query, fileName }: { endpoint: string; query: Query; fileName: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await download(endpoint, query, `${fileName}.xlsx`);
        } catch (error) {
          notify.error(error instanceof ApiError ? error.message : String(error));
        } finally {
          setBusy(false);
        }
      }}
    >
      {busy ? t('common.exporting') : t('common.export')}
    </Button>
  );
}
