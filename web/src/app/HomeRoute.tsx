/** `/`: the dashboard for users who read statistics, otherwise their first page. */
import { lazy, Suspense } from 'react';
import { Navigate } from 'react-router';
import { useMe } from './auth.ts';
import { landingPath } from './nav.tsx';
import { PageSpin } from '../components/PageSpin.tsx';

const HomePage = lazy(async () => ({ default: (await import('../modules/stats/HomePage.tsx')).HomePage }));

export function HomeRoute() {
  const me = useMe();
  if (!me.permissions.includes('stats.read')) {
    const path = landingPath(me.permissions);
    return path && path !== '/' ? <Navigate to={path} replace /> : null;
  }
  return (
    <Suspense fallback={<PageSpin />}>
      <HomePage />
    </Suspense>
  );
}
