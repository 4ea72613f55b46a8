/** Breadcrumb, title, one-line description and page actions, the same on every page. */
import { Breadcrumb, Typography } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { findNav } from '../app/nav.tsx';

export interface Crumb {
  title: string;
  path?: string;
}

interface PageHeaderProps {
  title: ReactNode;
  /** Plain title for the browser tab when `title` is not a string. */
  documentTitle?: string;
  description?: ReactNode;
  extra?: ReactNode;
  /** Defaults to module › page from the menu. */
  crumbs?: Crumb[];
}

export function PageHeader({ title, documentTitle, description, extra, crumbs }: PageHeaderProps) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const nav = findNav(pathname);
  const tabTitle = documentTitle ?? (typeof title === 'string' ? title : '');
  const trail: Crumb[] =
    crumbs ?? (nav && nav.group.key !== 'home' ? [{ title: t(nav.group.labelKey) }, { title: tabTitle }] : []);

  useEffect(() => {
    document.title = tabTitle ? `${tabTitle} · ${t('app.brand')}` : t('app.brand');
  }, [tabTitle, t]);

  return (
    <div className="lx-page-header">
      {trail.length > 0 && (
        <Breadcrumb
          items={[{ title: <Link to="/">{t('nav.home')}</Link> }, ...trail].map((c, i) =>
            'path' in c && c.path ? { key: i, title: <Link to={c.path}>{c.title}</Link> } : { key: i, title: c.title },
          )}
        />
      )}
      <div className="lx-page-header-row">
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={3}>{title}</Typography.Title>
          {description && <p className="lx-page-desc">{description}</p>}
        </div>
        {extra && <div>{extra}</div>}
      </div>
    </div>
  );
}
