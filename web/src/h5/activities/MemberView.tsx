/** `#/me/activities`: my sign-ups, activities open for sign-up, and my hours; a card opens the detail. */
import { useEffect, useState } from 'react';
import type { ActivitySummary } from '../../../../common/activities/schemas.ts';
import { dutyGet, type MyHours } from '../duty/dutyApi.ts';
import { H5Error } from '../publicApi.ts';
import { type ActKey, type ActTr, dayLabel, shanghai } from './strings.ts';

interface Page {
  items: ActivitySummary[];
}

/** Places of an activity in words: `剩 3 个名额` / `已满 · 候补 2 人` / `不限名额`. */
export function placesWords(
  tr: ActTr,
  p: { capacity: number | null; free: number | null; waitlisted: number },
): string {
  const base =
    p.capacity === null
      ? tr('placesUnlimited')
      : p.free && p.free > 0
        ? tr('placesFree', { n: p.free })
        : tr('placesFull');
  return p.waitlisted ? `${base} · ${tr('waiting', { n: p.waitlisted })}` : base;
}

/** My sign-up state in words. */
export function myStateWords(tr: ActTr, state: string | null): string {
  switch (state) {
    case 'signed_up':
      return tr('signedUp');
    case 'waitlisted':
      return tr('waitlistedShort');
    case 'attended':
      return tr('attended');
    case 'no_show':
      return tr('noShow');
    case 'cancelled':
      return tr('cancelled');
    default:
      return '';
  }
}

function Card({ a, tr, lang }: { a: ActivitySummary; tr: ActTr; lang: string }) {
  return (
    <a
      className={`h5-act-card h5-act-link h5-act-${a.kind}`}
      href={`#/me/activities?id=${a.id}`}
      data-testid="member-activity"
    >
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
      {a.stallKinds.length > 0 && <p className="h5-act-line">🧰 {a.stallKinds.join('、')}</p>}
      <p className="h5-act-foot">
        <span className={`h5-act-state h5-act-state-${a.state}`}>{tr(`state_${a.state}` as ActKey)}</span>
        {a.myState ? (
          <span className={`h5-act-mine h5-act-mine-${a.myState}`} data-testid="my-state">
            {myStateWords(tr, a.myState)}
          </span>
        ) : (
          <span>{placesWords(tr, a)}</span>
        )}
      </p>
    </a>
  );
}

export function MemberView({
  tr,
  lang,
  name,
  onSignOut,
}: {
  tr: ActTr;
  lang: string;
  name: string;
  onSignOut: () => void;
}) {
  const [mine, setMine] = useState<ActivitySummary[] | null>(null);
  const [open, setOpen] = useState<ActivitySummary[] | null>(null);
  const [hours, setHours] = useState<MyHours | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    const today = shanghai(new Date().toISOString()).date;
    Promise.all([
      dutyGet<Page>('/api/activities?view=mine&sort=start_desc&pageSize=30'),
      dutyGet<Page>(`/api/activities?state=published,under_way&sort=start_asc&pageSize=30&from=${today}`),
      dutyGet<MyHours>('/api/me/hours').catch(() => null),
    ]).then(
      ([m, o, h]) => {
        if (!live) return;
        setMine(m.items);
        setOpen(o.items);
        setHours(h);
      },
      (e: unknown) => live && setError(e instanceof H5Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, []);
  if (error)
    return (
      <p className="h5-status h5-error" role="alert">
        {error}
      </p>
    );
  if (!mine || !open) return <p className="h5-status">{tr('loading')}</p>;
  const active = mine.filter(
    (a) =>
      ['published', 'under_way'].includes(a.state) && ['signed_up', 'waitlisted', 'attended'].includes(a.myState ?? ''),
  );
  const now = active.filter((a) => a.state === 'under_way');
  const past = mine.filter((a) => !active.includes(a));
  const openOthers = open.filter((a) => !active.some((m) => m.id === a.id));

  return (
    <div className="h5-act h5-duty">
      <div className="h5-duty-hello">
        <h2 data-testid="act-me-name">{tr('hello', { name })}</h2>
        <button type="button" className="h5-button h5-button-ghost" onClick={onSignOut}>
          {tr('signOut')}
        </button>
      </div>
      {now.map((a) => (
        <a
          key={a.id}
          className="h5-button h5-submit h5-act-big"
          href={`#/me/activities?id=${a.id}`}
          data-testid="now-activity"
        >
          {tr('now')} · {a.title}
        </a>
      ))}
      {hours && (
        <section className="h5-card" data-testid="act-hours">
          <h3>{tr('myHours')}</h3>
          <div className="h5-duty-totals">
            <div>
              <b>{hours.totals.approved}</b>
              <small>
                {tr('approved')}（{tr('hoursUnit')}）
              </small>
            </div>
            <div>
              <b>{hours.totals.pending}</b>
              <small>
                {tr('pending')}（{tr('hoursUnit')}）
              </small>
            </div>
          </div>
        </section>
      )}
      <h2 className="h5-section">{tr('mine')}</h2>
      {active.length === 0 && <p className="h5-act-empty">{tr('mineEmpty')}</p>}
      {active.map((a) => (
        <Card key={a.id} a={a} tr={tr} lang={lang} />
      ))}
      <h2 className="h5-section">{tr('open')}</h2>
      {openOthers.length === 0 && <p className="h5-act-empty">{tr('openEmpty')}</p>}
      {openOthers.map((a) => (
        <Card key={a.id} a={a} tr={tr} lang={lang} />
      ))}
      {past.length > 0 && (
        <section className="h5-card">
          <h3>{tr('past')}</h3>
          <ul className="h5-duty-list">
            {past.slice(0, 10).map((a) => (
              <li key={a.id} className="h5-duty-shift">
                <strong>
                  <a href={`#/me/activities?id=${a.id}`}>{a.title}</a>
                </strong>
                <span>{shanghai(a.startAt).date}</span>
                <span className="h5-duty-status">{myStateWords(tr, a.myState)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className="h5-status">
        <a className="h5-link" href="#/activities">
          📅 {tr('calendarLink')}
        </a>
      </p>
    </div>
  );
}
