/** Ask for leave, or to hand a shift over / exchange it. */
import { useEffect, useState } from 'react';
import { H5Error } from '../publicApi.ts';
import { type Shift, dutyGet, dutyPost, hhmm } from './dutyApi.ts';
import type { DutyTr } from './strings.ts';

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

function useSubmit(tr: DutyTr, onDone: () => void) {
  const [error, setError] = useState('');
  const [ok, setOk] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (path: string, body: unknown) => {
    setBusy(true);
    setError('');
    setOk('');
    try {
      await dutyPost(path, body);
      setOk(tr('submitted'));
      onDone();
    } catch (e) {
      setError(e instanceof H5Error ? (e.fields[0]?.message ?? e.message) : String(e));
    } finally {
      setBusy(false);
    }
  };
  const feedback = (
    <>
      {error && (
        <p className="h5-status h5-error" role="alert">
          {error}
        </p>
      )}
      {ok && (
        <p className="h5-status h5-success" role="status">
          {ok}
        </p>
      )}
    </>
  );
  return { submit, busy, feedback };
}

export function LeaveForm({ tr, onDone }: { tr: DutyTr; onDone: () => void }) {
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const [reason, setReason] = useState('');
  const { submit, busy, feedback } = useSubmit(tr, onDone);
  return (
    <form
      className="h5-form h5-card"
      onSubmit={(e) => {
        e.preventDefault();
        void submit('/api/leaves', { from, to, reason });
      }}
    >
      <h3>{tr('leave')}</h3>
      <label className="h5-label">
        {tr('from')}
        <input className="h5-input" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
      </label>
      <label className="h5-label">
        {tr('to')}
        <input className="h5-input" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
      </label>
      <label className="h5-label">
        {tr('reason')}
        <input className="h5-input" value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      {feedback}
      <button type="submit" className="h5-button" disabled={busy || !reason}>
        {tr('submit')}
      </button>
    </form>
  );
}

interface Options {
  people: { id: string; name: string }[];
  shifts: Shift[];
}

export function SwapForm({ tr, shifts, onDone }: { tr: DutyTr; shifts: Shift[]; onDone: () => void }) {
  const mine = shifts.filter((s) => s.status === 'scheduled');
  const [shiftId, setShiftId] = useState('');
  const [options, setOptions] = useState<Options>({ people: [], shifts: [] });
  const [target, setTarget] = useState('');
  const [reason, setReason] = useState('');
  const { submit, busy, feedback } = useSubmit(tr, onDone);
  useEffect(() => {
    if (!shiftId) return;
    let live = true;
    void dutyGet<Options>(`/api/shifts/${shiftId}/swap-options`).then((o) => live && setOptions(o));
    return () => {
      live = false;
    };
  }, [shiftId]);
  if (mine.length === 0) return null;
  const [kind, id] = target.split(':');
  return (
    <form
      className="h5-form h5-card"
      onSubmit={(e) => {
        e.preventDefault();
        void submit('/api/swaps', {
          shiftId,
          reason,
          ...(kind === 'p' ? { targetPersonId: id } : { targetShiftId: id }),
        });
      }}
    >
      <h3>{tr('swap')}</h3>
      <label className="h5-label">
        {tr('swapShift')}
        <select className="h5-input" value={shiftId} onChange={(e) => setShiftId(e.target.value)}>
          <option value="">{tr('choose')}</option>
          {mine.map((s) => (
            <option key={s.id} value={s.id}>
              {s.date} {s.shiftName} {s.workstationName}
            </option>
          ))}
        </select>
      </label>
      <label className="h5-label">
        {tr('swapTo')}
        <select className="h5-input" value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value="">{tr('choose')}</option>
          {options.people.map((p) => (
            <option key={p.id} value={`p:${p.id}`}>
              {p.name}
            </option>
          ))}
          {options.shifts.map((s) => (
            <option key={s.id} value={`s:${s.id}`}>
              ⇄ {s.personName} {s.date} {s.shiftName} {hhmm(s.startAt)}
            </option>
          ))}
        </select>
      </label>
      <label className="h5-label">
        {tr('reason')}
        <input className="h5-input" value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      {feedback}
      <button type="submit" className="h5-button" disabled={busy || !shiftId || !target || !reason}>
        {tr('submit')}
      </button>
    </form>
  );
}
