/** A minimal hash router: `#/report`, `#/track?code=…`; no library. */
import { useEffect, useState } from 'react';

export interface HashRoute {
  path: string;
  params: URLSearchParams;
}

function read(): HashRoute {
  const hash = window.location.hash.replace(/^#/, '') || '/';
  const [path = '/', search = ''] = hash.split('?');
  return { path, params: new URLSearchParams(search) };
}

export function useHashRoute(): HashRoute {
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const onChange = () => {
      setRoute(read());
      window.scrollTo(0, 0);
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function go(path: string): void {
  window.location.hash = path;
}
