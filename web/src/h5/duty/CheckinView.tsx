/** `#/duty/checkin?ws=…` from the desk's QR code: check in, then check out with a handover note. */
import { useEffect, useState } from 'react';
import { H5Error } from '../publicApi.ts';
import { type MyShifts, type Shift, dutyGet, dutyPost, hhmm } from './dutyApi.ts';
import type { DutyTr } from './strings.ts';

interface Handover {
  note: string | null;
  personName: string | null;
  date: string | null;
  shiftName: string | null;
}

export function CheckinView({ tr, workstationId }: { tr: DutyTr; workstationId: string }) {
  const [shift, setShift] = useState<Shift | null>(null);
  const [handover, setHandover] = useState<Handover | null>(null);
  const [note, setNote] = useState('');
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    Promise.all([
      dutyGet<MyShifts>('/api/me/shifts'),
      dutyGet<Handover>(`/api/workstations/${workstationId}/handover`),
    ]).then(
      ([mine, last]) => {
        if (!live) return;
        setShift(mine.upcoming.find((s) => s.workstationId === workstationId && s.status === 'checked_in') ?? null);
        setHandover(last);
      },
      (e: unknown) => live && setError(e instanceof H5Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [workstationId]);

  const run = async (what: 'in' | 'out') => {
    setBusy(true);
    setError('');
    try {
      if (what === 'in') {
        setShift(await dutyPost<Shift>('/api/duty/check-in', { workstationId }));
      } else if (shift) {
        const done = await dutyPost<Shift>('/api/duty/check-out', { shiftId: shift.id, handoverNote: note || null });
        setMessage(tr('done', { n: done.hours ?? 0 }));
        setShift(null);
      }
    } catch (e) {
      setError(e instanceof H5Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="h5-duty">
      <h2 className="h5-section">{tr('checkin')}</h2>
      {handover?.note && (
        <article className="h5-card" data-testid="last-handover">
          <h3>{tr('lastHandover')}</h3>
          <p>{handover.note}</p>
          <p className="h5-hint">
            {handover.personName} · {handover.date} {handover.shiftName}
          </p>
        </article>
      )}
      {error && (
        <p className="h5-status h5-error" role="alert" data-testid="duty-error">
          {error}
        </p>
      )}
      {message && (
        <p className="h5-status h5-success" role="status" data-testid="duty-message">
          {message}
        </p>
      )}
      {shift ? (
        <article className="h5-card">
          <h3>
            {shift.workstationName} · {shift.shiftName} {hhmm(shift.startAt)}–{hhmm(shift.endAt)}
          </h3>
          <p data-testid="checked-in">
            {tr('checkedInAt', { time: shift.checkInAt ? hhmm(shift.checkInAt) : '' })}
            {shift.lateMinutes ? ` · ${tr('late', { n: shift.lateMinutes })}` : ''}
          </p>
          <label className="h5-label">
            {tr('handover')}
            <textarea
              className="h5-input"
              rows={4}
              placeholder={tr('handoverHint')}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              data-testid="handover-note"
            />
          </label>
          <button
            type="button"
            className="h5-button h5-submit"
            disabled={busy}
            onClick={() => void run('out')}
            data-testid="check-out"
          >
            {tr('checkOut')}
          </button>
        </article>
      ) : (
        !message && (
          <>
            <p className="h5-hint">{tr('checkinHint')}</p>
            <button
              type="button"
              className="h5-button h5-submit h5-duty-big"
              disabled={busy}
              onClick={() => void run('in')}
              data-testid="check-in"
            >
              {tr('checkIn')}
            </button>
          </>
        )
      )}
      <p>
        <a className="h5-link" href="#/me">
          {tr('me')} ›
        </a>
      </p>
    </div>
  );
}
