/** The resident's say after resolution: a 5-star rating with a comment, or a request to reopen. */
import { useState } from 'react';
import type { Tr } from './dictionary.ts';
import { H5Error, postJson } from './publicApi.ts';
import type { PublicRequest } from './TrackView.tsx';

interface TrackActionsProps {
  request: PublicRequest;
  last4: string;
  tr: Tr;
  onChange: (request: PublicRequest) => void;
}

export function TrackActions({ request, last4, tr, onChange }: TrackActionsProps) {
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const path = `/api/public/requests/${encodeURIComponent(request.code)}`;

  const send = async (action: 'rate' | 'reopen', body: object, done: string) => {
    setBusy(true);
    setMessage('');
    try {
      onChange(await postJson<PublicRequest>(`${path}/${action}`, { ...body, last4: last4 || undefined }));
      setMessage(done);
      setReopening(false);
    } catch (error) {
      setMessage(error instanceof H5Error && error.status !== 0 ? error.message : tr('submitFailed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {message && (
        <p className="h5-notice" role="status" data-testid="track-message">
          {message}
        </p>
      )}
      {request.canRate && (
        <div className="h5-rate" data-testid="rate-form">
          <h3>{tr('rateTitle')}</h3>
          <div className="h5-stars" role="radiogroup">
            {[1, 2, 3, 4, 5].map((n) => (
              <button
                key={n}
                type="button"
                role="radio"
                aria-checked={rating === n}
                aria-label={tr('stars', { count: n })}
                className={n <= rating ? 'h5-star h5-star-on' : 'h5-star'}
                onClick={() => setRating(n)}
                data-testid={`star-${n}`}
              >
                ★
              </button>
            ))}
          </div>
          <textarea
            className="h5-input"
            rows={3}
            maxLength={500}
            value={comment}
            placeholder={tr('comment')}
            onChange={(e) => setComment(e.target.value)}
          />
          <button
            type="button"
            className="h5-button h5-submit"
            disabled={busy || rating === 0}
            onClick={() => void send('rate', { rating, comment: comment.trim() || null }, tr('rated'))}
            data-testid="rate-submit"
          >
            {tr('rateSubmit')}
          </button>
        </div>
      )}
      {request.canReopen && (
        <div className="h5-reopen">
          <h3>{tr('reopenTitle')}</h3>
          {reopening ? (
            <>
              <textarea
                className="h5-input"
                rows={3}
                maxLength={500}
                value={reason}
                placeholder={tr('reopenReason')}
                onChange={(e) => setReason(e.target.value)}
              />
              <button
                type="button"
                className="h5-button h5-submit"
                disabled={busy || !reason.trim()}
                onClick={() => void send('reopen', { reason: reason.trim() }, tr('reopened'))}
              >
                {tr('reopenSubmit')}
              </button>
            </>
          ) : (
            <button type="button" className="h5-button-ghost" onClick={() => setReopening(true)}>
              {tr('reopenButton')}
            </button>
          )}
        </div>
      )}
    </>
  );
}
