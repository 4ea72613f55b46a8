/** Renders its children only for a signed-in user; the API wrapper sends others to /login. */
import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api.ts';
import { MeContext, useMeQuery } from './auth.ts';

export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMeQuery();
  if (me.data) return <MeContext.Provider value={me.data}>{children}</MeContext.Provider>;
  if (me.error && !(me.error instanceof ApiError && me.error.status === 401)) {
    return (
      <Result
        status="warning"
        title={t('app.loadFailed')}
        subTitle={me.error.message}
        extra={<Button onClick={() => void me.refetch()}>{t('app.retry')}</Button>}
      />
    );
  }
  return (
    <div className="lx-fullscreen-spin">
      <Spin size="large" />
    </div>
  );
}
