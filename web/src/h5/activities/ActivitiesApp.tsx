/** The activity pages on H5: the public calendar (`#/activities`) and the member's (`#/me/activities`). */
import { useEffect, useState } from 'react';
import { LoginForm } from '../duty/LoginForm.tsx';
import { type MeInfo, loadMe, setDutyLang, signOut } from '../duty/dutyApi.ts';
import { dutyTr } from '../duty/strings.ts';
import { CalendarView } from './CalendarView.tsx';
import { DetailView } from './DetailView.tsx';
import { MemberView } from './MemberView.tsx';
import { actTr } from './strings.ts';
import '../duty/duty.css';
import './activities.css';

export function ActivitiesApp({ path, params, lang }: { path: string; params: URLSearchParams; lang: string }) {
  const tr = actTr(lang);
  if (path === '/activities') return <CalendarView tr={tr} lang={lang} />;
  return <MemberApp params={params} lang={lang} />;
}

/** The signed-in user's name (`/api/auth/me` answers it under `user`). */
function nameOf(me: MeInfo): string {
  return (me as MeInfo & { user?: { displayName?: string } }).user?.displayName ?? me.displayName ?? '';
}

function MemberApp({ params, lang }: { params: URLSearchParams; lang: string }) {
  const tr = actTr(lang);
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
  if (me === null) return <LoginForm tr={dutyTr(lang)} onDone={setMe} />;
  const id = params.get('id');
  if (id) return <DetailView key={id} id={id} tr={tr} lang={lang} />;
  return <MemberView tr={tr} lang={lang} name={nameOf(me)} onSignOut={() => void signOut().then(() => setMe(null))} />;
}
