/** `#/me`: my shifts (upcoming and past), hours, teams, and leave or swap requests. */
import { useCallback, useEffect, useState } from 'react';
import { H5Error } from '../publicApi.ts';
import { type MyHours, type MyShifts, type Shift, dutyGet, hhmm } from './dutyApi.ts';
import { LeaveForm, SwapForm } from './RequestForms.tsx';
import { type DutyTr, statusKey } from './strings.ts';

function ShiftRow({ s, tr }: { s: Shift; tr: DutyTr }) {
  return (
    <li className="h5-duty-shift" data-testid="my-shift">
      <strong>
        {s.date.slice(5)} {s.shiftName} {hhmm(s.startAt)}–{hhmm(s.endAt)}
      </strong>
      <span>{s.workstationName}</span>
      <span className={`h5-duty-status h5-duty-${s.status}`}>
        {tr(statusKey(s.status))}
        {s.hours ? ` · ${tr('hoursUnit', { n: s.hours })}` : ''}
        {s.lateMinutes ? ` · ${tr('late', { n: s.lateMinutes })}` : ''}
      </span>
    </li>
  );
}

export function MeView({ tr, onSignOut }: { tr: DutyTr; onSignOut: () => void }) {
  const [shifts, setShifts] = useState<MyShifts | null>(null);
  const [hours, setHours] = useState<MyHours | null>(null);
  const [loadedAt, setLoadedAt] = useState(0);
  const [error, setError] = useState('');
  const [round, setRound] = useState(0);
  const load = useCallback(() => setRound((n) => n + 1), []);
  useEffect(() => {
    let live = true;
    Promise.all([dutyGet<MyShifts>('/api/me/shifts'), dutyGet<MyHours>('/api/me/hours')]).then(
      ([s, h]) => {
        if (!live) return;
        setShifts(s);
        setHours(h);
        setLoadedAt(Date.now());
      },
      (e: unknown) => live && setError(e instanceof H5Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [round]);
  if (error)
    return (
      <p className="h5-status h5-error" role="alert">
        {error}
      </p>
    );
  if (!shifts || !hours) return <p className="h5-status">{tr('loading')}</p>;
  const now = shifts.upcoming.find((s) => s.status === 'checked_in' || Date.parse(s.startAt) - 30 * 60_000 < loadedAt);
  return (
    <div className="h5-duty">
      <div className="h5-duty-hello">
        <h2 data-testid="me-name">{tr('hello', { name: shifts.person.name })}</h2>
        <button type="button" className="h5-button h5-button-ghost" onClick={onSignOut}>
          {tr('signOut')}
        </button>
      </div>
      {shifts.person.volunteerNo && <p className="h5-hint">{tr('volunteerNo', { no: shifts.person.volunteerNo })}</p>}
      {now && (
        <a className="h5-button h5-submit h5-duty-big" href={`#/duty/checkin?ws=${now.workstationId}`}>
          {tr('goCheckin')} · {now.workstationName}
        </a>
      )}
      <section className="h5-card" data-testid="my-hours">
        <h3>{tr('hoursTitle')}</h3>
        <div className="h5-duty-totals">
          <div>
            <b>{hours.totals.approved}</b>
            <small>{tr('approved')}</small>
          </div>
          <div>
            <b>{hours.totals.pending}</b>
            <small>{tr('pending')}</small>
          </div>
        </div>
      </section>
      <section className="h5-card">
        <h3>{tr('upcoming')}</h3>
        {shifts.upcoming.length === 0 ? (
          <p className="h5-hint">{tr('none')}</p>
        ) : (
          <ul className="h5-duty-list">
            {shifts.upcoming.slice(0, 8).map((s) => (
              <ShiftRow key={s.id} s={s} tr={tr} />
            ))}
          </ul>
        )}
      </section>
      <LeaveForm tr={tr} onDone={load} />
      <SwapForm tr={tr} shifts={shifts.upcoming} onDone={load} />
      {(shifts.leaves.length > 0 || shifts.swaps.length > 0) && (
        <section className="h5-card">
          <h3>{tr('myRequests')}</h3>
          <ul className="h5-duty-list">
            {shifts.leaves.slice(0, 5).map((l) => (
              <li key={l.id} className="h5-duty-shift">
                <strong>
                  {tr('leave')} {l.from}–{l.to}
                </strong>
                <span>{l.reason}</span>
                <span className="h5-duty-status">{tr(statusKey(l.status))}</span>
              </li>
            ))}
            {shifts.swaps.slice(0, 5).map((s) => (
              <li key={s.id} className="h5-duty-shift">
                <strong>
                  {tr('swap')} {s.shift.date} {s.shift.shiftName}
                </strong>
                <span>{s.targetPersonName}</span>
                <span className="h5-duty-status">{tr(statusKey(s.status))}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="h5-card">
        <h3>{tr('past')}</h3>
        <ul className="h5-duty-list">
          {shifts.past.slice(0, 10).map((s) => (
            <ShiftRow key={s.id} s={s} tr={tr} />
          ))}
        </ul>
      </section>
      <section className="h5-card">
        <h3>{tr('teams')}</h3>
        <p>
          {shifts.person.teams.map((t) => (
            <span key={t.id} className={`h5-tag h5-duty-team h5-duty-${t.colour}`}>
              {t.name}
            </span>
          ))}
        </p>
      </section>
    </div>
  );
}
