/** 查进度: code + last 4 digits → status steps and a plain-words timeline; rate or reopen when allowed. */
import { useState } from 'react';
import type { z } from 'zod';
import type { PublicRequest as PublicRequestSchema } from '../../../common/requests/schemas.ts';
import type { H5Key, Tr } from './dictionary.ts';
import { getJson, H5Error, query, recentCodes, rememberCode } from './publicApi.ts';
import { TrackActions } from './TrackActions.tsx';

export type PublicRequest = z.infer<typeof PublicRequestSchema>;

const STEPS: { key: H5Key; statuses: string[] }[] = [
  { key: 'stepSubmitted', statuses: ['submitted'] },
  { key: 'stepAccepted', statuses: ['accepted'] },
  { key: 'stepHandling', statuses: ['dispatched', 'in_progress'] },
  { key: 'stepResolved', statuses: ['resolved', 'archived'] },
  { key: 'stepRated', statuses: ['rated'] },
];

/** `2026-11-24T02:00:00Z` → `11月24日 10:00` in Asia/Shanghai, without a date library. */
export function shanghaiTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

export function TrackView({ tr, initialCode }: { tr: Tr; initialCode: string }) {
  const [code, setCode] = useState(initialCode);
  const [last4, setLast4] = useState('');
  const [state, setState] = useState<'idle' | 'busy' | 'notFound' | 'error'>('idle');
  const [request, setRequest] = useState<PublicRequest | null>(null);
  const recent = recentCodes();

  const search = async (event?: { preventDefault: () => void }) => {
    event?.preventDefault();
    const c = code.trim().toUpperCase();
    if (!c) return;
    setState('busy');
    try {
      const answer = await getJson<PublicRequest>(
        `/api/public/requests/${encodeURIComponent(c)}${query({ last4: last4.trim() || undefined })}`,
      );
      rememberCode(answer.code);
      setRequest(answer);
      setState('idle');
    } catch (error) {
      setRequest(null);
      setState(error instanceof H5Error && (error.status === 404 || error.status === 400) ? 'notFound' : 'error');
    }
  };

  const rejected = request?.status === 'rejected';
  const merged = request?.status === 'merged';
  const current = request ? STEPS.findIndex((s) => s.statuses.includes(request.status)) : -1;

  return (
    <>
      <form className="h5-form h5-track-form" onSubmit={(e) => void search(e)}>
        <label className="h5-label">
          {tr('code')}
          <input
            className="h5-input h5-code-input"
            value={code}
            placeholder={tr('codePlaceholder')}
            autoCapitalize="characters"
            onChange={(e) => setCode(e.target.value)}
            data-testid="track-code"
          />
        </label>
        <label className="h5-label">
          {tr('last4')}
          <input
            className="h5-input"
            inputMode="numeric"
            maxLength={4}
            value={last4}
            onChange={(e) => setLast4(e.target.value.replace(/\D/g, ''))}
            data-testid="track-last4"
          />
        </label>
        <p className="h5-hint">{tr('last4Hint')}</p>
        <button type="submit" className="h5-button h5-submit" disabled={state === 'busy'} data-testid="track-submit">
          {state === 'busy' ? tr('searching') : tr('search')}
        </button>
        {recent.length > 0 && !request && (
          <div className="h5-recent">
            {tr('recent')}：
            {recent.map((c) => (
              <button key={c} type="button" className="h5-chip" onClick={() => setCode(c)}>
                {c}
              </button>
            ))}
          </div>
        )}
      </form>
      {state === 'notFound' && (
        <p className="h5-status h5-error" role="alert" data-testid="track-not-found">
          {tr('notFound')}
        </p>
      )}
      {state === 'error' && (
        <p className="h5-status h5-error" role="alert">
          {tr('error')}
        </p>
      )}
      {request && (
        <section className="h5-card h5-track" data-testid="track-result">
          <h2>
            {request.code}
            <span className="h5-tag" data-testid="track-status">
              {rejected
                ? tr('statusRejected')
                : merged
                  ? tr('statusMerged')
                  : tr(STEPS[Math.max(0, current)]?.key ?? 'stepSubmitted')}
            </span>
          </h2>
          {!rejected && !merged && (
            <ol className="h5-steps">
              {STEPS.map((s, i) => (
                <li
                  key={s.key}
                  className={
                    i < current || request.status === 'rated' ? 'h5-step-done' : i === current ? 'h5-step-now' : ''
                  }
                >
                  {tr(s.key)}
                </li>
              ))}
            </ol>
          )}
          {request.outcome && (
            <p className={request.outcome === 'resolved' ? 'h5-outcome' : 'h5-outcome h5-outcome-no'}>
              {request.outcome === 'resolved' ? tr('outcomeResolved') : tr('outcomeUnresolved')}
            </p>
          )}
          <dl>
            <dt>{tr('category')}</dt>
            <dd>{request.categoryName}</dd>
            <dt>{tr('submittedAt')}</dt>
            <dd>{shanghaiTime(request.createdAt)}</dd>
            {request.dueAt && !request.resolvedAt && (
              <>
                <dt>{tr('dueAt')}</dt>
                <dd>{shanghaiTime(new Date(Date.parse(request.dueAt) - 60_000).toISOString()).slice(0, 10)}</dd>
              </>
            )}
          </dl>
          <p className="h5-desc">{request.description}</p>
          <h3>{tr('progress')}</h3>
          <ul className="h5-timeline" data-testid="track-timeline">
            {[...request.timeline].reverse().map((e, i) => (
              <li key={`${e.at}-${i}`}>
                <time>{shanghaiTime(e.at)}</time>
                <span>{e.text}</span>
              </li>
            ))}
          </ul>
          {request.rating !== null && (
            <p className="h5-rated" data-testid="track-rating">
              {tr('yourRating', { stars: '★'.repeat(request.rating) })}
            </p>
          )}
          <TrackActions request={request} last4={last4.trim()} tr={tr} onChange={setRequest} />
        </section>
      )}
    </>
  );
}
