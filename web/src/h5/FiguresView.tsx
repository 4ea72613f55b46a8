/** 办事公开: the town's request figures as big numbers and monthly bars drawn with plain CSS. */
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { Figures as FiguresSchema } from '../../../common/requests/schemas.ts';
import type { Tr } from './dictionary.ts';
import { getJson, query, townCode } from './publicApi.ts';

type Figures = z.infer<typeof FiguresSchema>;
type Load = { status: 'loading' } | { status: 'error' } | { status: 'ready'; data: Figures };

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);

export function FiguresView({ tr }: { tr: Tr }) {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    getJson<Figures>(`/api/public/figures${query({ town: townCode() })}`, controller.signal)
      .then((data) => setLoad({ status: 'ready', data }))
      .catch(() => !controller.signal.aborted && setLoad({ status: 'error' }));
    return () => controller.abort();
  }, [attempt]);

  if (load.status === 'loading') return <p className="h5-status">{tr('loading')}</p>;
  if (load.status === 'error') {
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
  }
  const f = load.data;
  const months = [...f.groups].sort((a, b) => a.key.localeCompare(b.key)).slice(-12);
  const max = Math.max(1, ...months.map((m) => m.total));

  return (
    <>
      <p className="h5-intro">{tr('figuresIntro')}</p>
      <div className="h5-figures" data-testid="public-figures">
        <div>
          <strong data-testid="fig-total">{f.total}</strong>
          <span>
            {tr('total')}
            {tr('pieces') && `（${tr('pieces')}）`}
          </span>
        </div>
        <div>
          <strong data-testid="fig-completion">{pct(f.completionRate)}</strong>
          <span>{tr('completionRate')}</span>
        </div>
        <div>
          <strong data-testid="fig-satisfaction">{pct(f.satisfactionRate)}</strong>
          <span>{tr('satisfactionRate')}</span>
        </div>
      </div>
      <section className="h5-card h5-chart">
        <h2>{tr('monthly')}</h2>
        {months.length === 0 ? (
          <p className="h5-status">{tr('noData')}</p>
        ) : (
          <div className="h5-bars">
            {months.map((m) => (
              <div key={m.key} className="h5-bar">
                <span className="h5-bar-value">{m.total}</span>
                <span className="h5-bar-fill" style={{ height: `${Math.round((m.total / max) * 100)}%` }} />
                <span className="h5-bar-label">{tr('monthLabel', { month: Number(m.key.slice(-2)) || m.name })}</span>
              </div>
            ))}
          </div>
        )}
      </section>
    </>
  );
}
