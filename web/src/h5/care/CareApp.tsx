/** The member's care pages on H5 (`#/care`, `#/care/visit?r=…`), loaded only when opened. */
import { useEffect, useState } from 'react';
import { type MeInfo, loadMe, setDutyLang } from '../duty/dutyApi.ts';
import { LoginForm } from '../duty/LoginForm.tsx';
import { dutyTr } from '../duty/strings.ts';
import { setCareSession } from './careApi.ts';
import { MyPairingsView } from './MyPairingsView.tsx';
import { careTr } from './strings.ts';
import { VisitForm } from './VisitForm.tsx';
import './care.css';

export function CareApp({ path, params, lang }: { path: string; params: URLSearchParams; lang: string }) {
  const tr = careTr(lang);
  setDutyLang(lang);
  const [me, setMe] = useState<MeInfo | null | undefined>(undefined);
  const [error, setError] = useState('');
  useEffect(() => {
    loadMe().then(setMe, (e: unknown) => setError(String(e)));
  }, []);
  if (me) setCareSession(me.csrfToken, lang);
  if (error)
    return (
      <p className="h5-status h5-error" role="alert">
        {error}
      </p>
    );
  if (me === undefined) return <p className="h5-status">{tr('loading')}</p>;
  if (me === null) return <LoginForm tr={dutyTr(lang)} onDone={setMe} />;
  if (!me.permissions.includes('care.visit'))
    return (
      <p className="h5-status h5-error" role="alert">
        {tr('noPermission')}
      </p>
    );
  const recipientId = params.get('r');
  if (path === '/care/visit' && recipientId) return <VisitForm key={recipientId} tr={tr} recipientId={recipientId} />;
  return <MyPairingsView tr={tr} />;
}
