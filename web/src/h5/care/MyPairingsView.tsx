/** `#/care`: the people I am paired with — last visit, next due, overdue first — and a big button to log a visit. */
import { useEffect, useState } from 'react';
import type { MyCare, MyPairing } from '../../../../common/care/schemas.ts';
import { H5Error } from '../publicApi.ts';
import { daysBetween, loadMyCare, shanghaiDate } from './careApi.ts';
import type { CareKey, CareTr } from './strings.ts';

function lastVisitText(tr: CareTr, iso: string | null, now: number): string {
  if (!iso) return tr('never');
  const days = daysBetween(iso, now);
  return days <= 0 ? tr('today') : `${shanghaiDate(iso)}（${tr('daysAgo', { n: days })}）`;
}

function PairingCard({ p, tr, now }: { p: MyPairing; tr: CareTr; now: number }) {
  const dueSoon = !p.overdue && Date.parse(p.nextDueAt) - now < 86_400_000;
  return (
    <article
      className={p.overdue ? 'h5-card h5-care-card h5-care-overdue' : 'h5-card h5-care-card'}
      data-testid="my-pairing"
    >
      <h2>
        <span data-testid="pairing-name">{p.name}</span>
        {p.kinds.map((k) => (
          <span key={k} className="h5-tag h5-care-kind">
            {tr(`kind_${k}` as CareKey)}
          </span>
        ))}
      </h2>
      {p.overdue ? (
        <p className="h5-care-alert" data-testid="pairing-overdue">
          ⚠️ {tr('overdue', { days: p.overdueDays })}
        </p>
      ) : (
        dueSoon && <p className="h5-care-alert h5-care-soon">⏰ {tr('dueToday')}</p>
      )}
      <dl>
        <dt>{tr('lastVisit')}</dt>
        <dd>{lastVisitText(tr, p.lastVisitAt, now)}</dd>
        <dt>{tr('nextDue')}</dt>
        <dd>{shanghaiDate(p.nextDueAt)}</dd>
        {(p.villageName || p.address) && (
          <>
            <dt>📍</dt>
            <dd>{[p.villageName, p.hamletName, p.address].filter(Boolean).join(' ')}</dd>
          </>
        )}
        {p.needs && (
          <>
            <dt>{tr('needs')}</dt>
            <dd>{p.needs}</dd>
          </>
        )}
        {p.guardian && (
          <>
            <dt>{tr('guardian')}</dt>
            <dd>
              {p.guardian.name}（{p.guardian.relation}）
              {p.guardian.mobile && (
                <a className="h5-care-tel" href={`tel:${p.guardian.mobile}`}>
                  {p.guardian.mobile}
                </a>
              )}
            </dd>
          </>
        )}
      </dl>
      <div className="h5-care-actions">
        {p.mobile && (
          <a className="h5-call h5-care-call" href={`tel:${p.mobile}`}>
            📞 {tr('call')}
          </a>
        )}
        <a className="h5-button h5-care-go" href={`#/care/visit?r=${p.recipientId}`} data-testid="visit-button">
          📝 {tr('visit')}
        </a>
      </div>
    </article>
  );
}

export function MyPairingsView({ tr }: { tr: CareTr }) {
  const [data, setData] = useState<MyCare | null>(null);
  const [now, setNow] = useState(0);
  const [error, setError] = useState('');
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    loadMyCare().then(
      (d) => {
        if (!live) return;
        setData(d);
        setNow(Date.now());
      },
      (e: unknown) => live && setError(e instanceof H5Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [round]);
  if (error)
    return (
      <div className="h5-status h5-error" role="alert">
        <p>{error}</p>
        <button type="button" className="h5-button" onClick={() => (setError(''), setRound((n) => n + 1))}>
          {tr('retry')}
        </button>
      </div>
    );
  if (!data) return <p className="h5-status">{tr('loading')}</p>;
  const items = [...data.items].sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || a.nextDueAt.localeCompare(b.nextDueAt),
  );
  return (
    <div className="h5-care">
      <p className="h5-care-month" data-testid="care-month">
        {tr('monthSummary', { visits: data.month.visits, minutes: data.month.minutes })}
      </p>
      {items.length === 0 && <p className="h5-status">{tr('empty')}</p>}
      {items.map((p) => (
        <PairingCard key={p.pairingId} p={p} tr={tr} now={now} />
      ))}
    </div>
  );
}
