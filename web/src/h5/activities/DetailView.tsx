/**
 * `#/me/activities?id=…`: one activity for a member — choose a stall and sign up (or join the
 * waiting list), cancel, and on the day check in and out with big buttons.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ActivityDetail, Signup } from '../../../../common/activities/schemas.ts';
import { dutyGet, dutyPost } from '../duty/dutyApi.ts';
import { H5Error } from '../publicApi.ts';
import { placesWords } from './MemberView.tsx';
import { type ActKey, type ActTr, dayLabel, shanghai } from './strings.ts';

export function DetailView({ id, tr, lang }: { id: string; tr: ActTr; lang: string }) {
  const [a, setA] = useState<ActivityDetail | null>(null);
  const [error, setError] = useState('');
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    dutyGet<ActivityDetail>(`/api/activities/${id}`).then(
      (d) => live && setA(d),
      (e: unknown) =>
        live && setError(e instanceof H5Error && e.status === 404 ? tr('notFound') : String((e as Error).message)),
    );
    return () => {
      live = false;
    };
  }, [id, round, tr]);

  const run = async (key: string, path: string, body: unknown, done: (s: Signup) => string) => {
    setBusy(key);
    setMessage('');
    try {
      const s = await dutyPost<Signup>(`/api/activities/${id}${path}`, body);
      setMessage(done(s));
      setConfirming(false);
      reload();
    } catch (e) {
      setMessage(e instanceof H5Error ? e.message : String(e));
      reload();
    } finally {
      setBusy('');
    }
  };

  if (error)
    return (
      <div className="h5-act">
        <a className="h5-link" href="#/me/activities">
          {tr('back')}
        </a>
        <p className="h5-status h5-error" role="alert">
          {error}
        </p>
      </div>
    );
  if (!a) return <p className="h5-status">{tr('loading')}</p>;

  const s = a.mySignup && a.mySignup.state !== 'cancelled' ? a.mySignup : null;
  const ops = a.operations;
  const canSignUp = a.can.join && ops.includes('sign_up') && !s;
  const signUp = (stallId: string | null) =>
    run(`sign-${stallId ?? 'general'}`, '/sign-up', { stallId }, (x) =>
      x.state === 'waitlisted' ? tr('waitlistedOk', { n: x.waitlistPosition ?? 1 }) : tr('signedUpOk'),
    );
  // A service day is signed up for by stall; other activities as a whole.
  const hasGeneral = a.stalls.length === 0;

  return (
    <div className="h5-act h5-duty">
      <a className="h5-link h5-act-back" href="#/me/activities">
        {tr('back')}
      </a>
      <article className={`h5-act-card h5-act-${a.kind}`} data-testid="act-detail">
        <div className="h5-act-date">
          <strong>{dayLabel(tr, lang, a.startAt)}</strong>
          <span>
            {shanghai(a.startAt).time}–{shanghai(a.endAt).time}
          </span>
        </div>
        <h2>
          <span className="h5-act-kind">{tr(`kind_${a.kind}` as ActKey)}</span>
          {a.title}
        </h2>
        <p className="h5-act-line">
          📍 {[a.workstationName, a.villageName, a.address].filter(Boolean).join(' · ') || '—'}
        </p>
        <p className="h5-act-foot">
          <span className={`h5-act-state h5-act-state-${a.state}`}>{tr(`state_${a.state}` as ActKey)}</span>
          {a.teams.map((t) => (
            <span key={t.id} className={`h5-tag h5-act-team h5-act-team-${t.color ?? 'none'}`}>
              {t.name}
            </span>
          ))}
        </p>
        {a.description && <p className="h5-act-desc">{a.description}</p>}
      </article>

      {message && (
        <p className="h5-notice" role="status" data-testid="act-message">
          {message}
        </p>
      )}

      {s && (
        <section className="h5-card h5-act-mycard" data-testid="my-signup">
          <h3>
            {s.state === 'waitlisted'
              ? tr('waitlisted', { n: s.waitlistPosition ?? 1 })
              : tr(s.state === 'attended' ? 'attended' : s.state === 'no_show' ? 'noShow' : 'signedUp')}
            {s.stallName ? ` · ${s.stallName}` : ''}
          </h3>
          {s.checkInAt && <p>{tr('checkedInAt', { time: shanghai(s.checkInAt).time })}</p>}
          {s.checkOutAt && s.hours !== null && (
            <p data-testid="act-hours-done">{tr('checkedOutHours', { n: s.hours })}</p>
          )}
          {s.state === 'signed_up' && ops.includes('check_in') && (
            <button
              type="button"
              className="h5-button h5-submit h5-act-big"
              disabled={busy !== ''}
              onClick={() =>
                void run('in', '/check-in', {}, (x) =>
                  tr('checkedInAt', { time: shanghai(x.checkInAt ?? new Date().toISOString()).time }),
                )
              }
              data-testid="act-check-in"
            >
              {tr('checkIn')}
            </button>
          )}
          {s.state === 'signed_up' && a.state === 'published' && <p className="h5-hint">{tr('notStarted')}</p>}
          {s.checkInAt && !s.checkOutAt && ops.includes('check_out') && (
            <button
              type="button"
              className="h5-button h5-submit h5-act-big h5-act-out"
              disabled={busy !== ''}
              onClick={() => void run('out', '/check-out', {}, (x) => tr('checkedOutHours', { n: x.hours ?? 0 }))}
              data-testid="act-check-out"
            >
              {tr('checkOut')}
            </button>
          )}
          {['signed_up', 'waitlisted'].includes(s.state) && !s.checkInAt && ops.includes('withdraw') && (
            <div className="h5-act-withdraw">
              {confirming ? (
                <>
                  <span>{tr('withdrawConfirm')}</span>
                  <button
                    type="button"
                    className="h5-button"
                    disabled={busy !== ''}
                    onClick={() => void run('withdraw', '/withdraw', {}, () => tr('withdrawn'))}
                    data-testid="act-withdraw-yes"
                  >
                    {tr('withdraw')}
                  </button>
                  <button type="button" className="h5-button h5-button-ghost" onClick={() => setConfirming(false)}>
                    {tr('back').replace('‹ ', '')}
                  </button>
                </>
              ) : (
                <button
                  type="button"
                  className="h5-button h5-button-ghost"
                  onClick={() => setConfirming(true)}
                  data-testid="act-withdraw"
                >
                  {tr('withdraw')}
                </button>
              )}
            </div>
          )}
          {(s.state === 'signed_up' || s.state === 'attended') && <p className="h5-hint">{tr('checkInHint')}</p>}
        </section>
      )}

      {canSignUp && (
        <section className="h5-card" data-testid="stall-choice">
          <h3>{tr('chooseStall')}</h3>
          <ul className="h5-act-choices">
            {a.stalls.map((st) => {
              const full = st.free !== null && st.free <= 0;
              if (full && !a.waitlist) return null;
              return (
                <li key={st.id}>
                  <div>
                    <strong>{[st.kindName, st.label].filter(Boolean).join(' · ')}</strong>
                    <small>
                      {st.teamName ? `${st.teamName} · ` : ''}
                      {placesWords(tr, st)}
                    </small>
                  </div>
                  <button
                    type="button"
                    className={full ? 'h5-button h5-button-ghost' : 'h5-button'}
                    disabled={busy !== ''}
                    onClick={() => void signUp(st.id)}
                    data-testid="act-sign-up-stall"
                  >
                    {full ? tr('joinWaitlist') : tr('signUp')}
                  </button>
                </li>
              );
            })}
            {hasGeneral && (
              <li>
                <div>
                  <strong>{a.title}</strong>
                  <small>{placesWords(tr, a)}</small>
                </div>
                <button
                  type="button"
                  className={a.free !== null && a.free <= 0 ? 'h5-button h5-button-ghost' : 'h5-button'}
                  disabled={busy !== ''}
                  onClick={() => void signUp(null)}
                  data-testid="act-sign-up"
                >
                  {a.free !== null && a.free <= 0 ? tr('joinWaitlist') : tr('signUp')}
                </button>
              </li>
            )}
          </ul>
        </section>
      )}
    </div>
  );
}
