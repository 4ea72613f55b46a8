/** Entry of the staff app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import './i18n.ts';
import './styles.css';
import { setUnauthenticatedHandler } from './api.ts';
import { Providers } from './Providers.tsx';
import { queryClient } from './queryClient.ts';
import { router } from './router.tsx';

setUnauthenticatedHandler(() => {
  const { pathname, search } = window.location;
  if (pathname === '/login') return;
  void router.navigate(`/login?next=${encodeURIComponent(pathname + search)}`, { replace: true });
  // After leaving the protected pages, so nothing refetches with the dead session.
  setTimeout(() => queryClient.clear(), 0);
});

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Providers>
        <RouterProvider router={router} />
      </Providers>
    </StrictMode>,
  );
}
