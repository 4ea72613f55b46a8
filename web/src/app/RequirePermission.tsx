/** Guards a page by permission; the menu hides it already, this covers typed-in URLs. */
import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../../common/auth/roles.ts';
import { useCan } from './auth.ts';

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const can = useCan();
  const { t } = useTranslation();
  if (!can(permission)) return <Result status="403" title={t('app.forbidden')} />;
  return <>{children}</>;
}
