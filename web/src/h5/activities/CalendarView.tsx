/** `#/activities`: upcoming service days and campaigns for residents — date, time, place, services. */
import { useEffect, useState } from 'react';
import type { PublicActivity } from '../../../../common/activities/schemas.ts';
import { getJson, query, townCode } from '../publicApi.ts';
import { type ActKey, type ActTr, dayLabel, shanghai } from './strings.ts';

type Load = { status: 'loading' } | { status: 'error' } | { status: 'ready'; items: PublicActivity[] };

export function CalendarView({ tr, lang }: { tr: ActTr; lang: string }) {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    getJson<{ items: PublicActivity[] }>(
      `/api/public/activities${query({ town: townCode(), limit: 30 })}`,
      controller.signal,
    )
      .then((data) => setLoad({ status: 'ready', items: data.items }))
      .catch(() => !controller.signal.aborted && setLoad({ status: 'error' }));
    return () => controller.abort();
  }, [attempt]);

  if (load.status === 'loading') return <p className="h5-status">{tr('loading')}</p>;
  if (load.status === 'error')
    return (
      <div className="h5-status h5-error" role="alert">
        <p>{tr('error')}</p>
        <button
          type="button"
          className="h5-button"
          onClick={() => (setLoad({ status: 'loading' }), setAttempt((n) => n + 1))}
        >
          {tr('retry')}
        </button>
      </div>
    );

  return (
    <div className="h5-act">
      <p className="h5-intro">{tr('calendarIntro')}</p>
      {load.items.length === 0 && (
        <p className="h5-act-empty" data-testid="calendar-empty">
          📅 {tr('upcomingEmpty')}
        </p>
      )}
      {load.items.map((a) => (
        <article key={a.id} className={`h5-act-card h5-act-${a.kind}`} data-testid="public-activity">
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
          <p className="h5-act-line">📍 {[a.placeName, a.villageName, a.address].filter(Boolean).join(' · ') || '—'}</p>
          {a.stallKinds.length > 0 && (
            <ul className="h5-act-stalls" aria-label={tr('stalls')}>
              {a.stallKinds.map((s) => (
                <li key={s.code}>{s.name}</li>
              ))}
            </ul>
          )}
          {a.teams.length > 0 && (
            <p className="h5-act-teams">
              {a.teams.map((t) => (
                <span key={t.name} className={`h5-tag h5-act-team h5-act-team-${t.color ?? 'none'}`}>
                  {t.name}
                </span>
              ))}
            </p>
          )}
          {a.description && <p className="h5-act-desc">{a.description}</p>}
        </article>
      ))}
      <p className="h5-status">
        <a className="h5-link" href="#/me/activities" data-testid="link-my-activities">
          🙋 {tr('myLink')}
        </a>
      </p>
    </div>
  );
}
