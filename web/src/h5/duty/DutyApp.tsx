/** The member's pages on H5 (`#/me`, `#/duty/checkin`), loaded only when opened. */
import { useEffect, useState } from 'react';
import { type MeInfo, loadMe, setDutyLang, signOut } from './dutyApi.ts';
import { CheckinView } from './CheckinView.tsx';
import { LoginForm } from './LoginForm.tsx';
import { MeView } from './MeView.tsx';
import { dutyTr } from './strings.ts';
import './duty.css';

export function DutyApp({ path, params, lang }: { path: string; params: URLSearchParams; lang: string }) {
  const tr = dutyTr(lang);
  setDutyLang(lang);
  const [me, setMe] = useState<MeInfo | null | undefined>(undefined);
  const [error, setError] = useState('');
  useEffect(() => {
    loadMe().then(setMe, (e: unknown) => setError(String(e)));
  }, []);
  if (error)
    return (
      <p className="h5-status h5-error" role="alert">
        {error}
      </p>
    );
  if (me === undefined) return <p className="h5-status">{tr('loading')}</p>;
  if (me === null) return <LoginForm tr={tr} onDone={setMe} />;
  if (path === '/duty/checkin') {
    const ws = params.get('ws');
    if (!ws)
      return (
        <p className="h5-status h5-error" role="alert">
          {tr('noWorkstation')}
        </p>
      );
    return <CheckinView tr={tr} workstationId={ws} />;
  }
  return <MeView tr={tr} onSignOut={() => void signOut().then(() => setMe(null))} />;
}
