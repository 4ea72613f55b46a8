/** The application code (fresh after applying) and a check of its review result. */
import { useState } from 'react';
import { getJson, H5Error } from '../publicApi.ts';
import { type ApplyKey, type ApplyLang, applyText } from './strings.ts';

interface Result {
  code: string;
  status: string;
  statusText: string;
  teams: string[];
}

export function ApplyStatus({ lang, code: given, fresh }: { lang: ApplyLang; code: string; fresh: boolean }) {
  const tr = (key: ApplyKey) => applyText(lang, key);
  const remembered = (() => {
    try {
      return localStorage.getItem('lianxin.apply') ?? '';
    } catch {
      return '';
    }
  })();
  const [code, setCode] = useState(given === '?' ? remembered : given);
  const [last4, setLast4] = useState('');
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState('');

  const check = async () => {
    setError('');
    try {
      setResult(await getJson<Result>(`/api/public/applications/${encodeURIComponent(code.trim())}?last4=${last4}`));
    } catch (e) {
      setResult(null);
      setError(e instanceof H5Error && e.status === 404 ? tr('notFound') : e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <div className="h5-success" data-testid="apply-status">
      {fresh && (
        <>
          <div className="h5-success-mark" aria-hidden="true">
            ✓
          </div>
          <h2>{tr('done')}</h2>
          <p className="h5-code-label">{tr('codeLabel')}</p>
          <p className="h5-code" data-testid="apply-code">
            {code}
          </p>
          <p className="h5-remember">{tr('remember')}</p>
        </>
      )}
      <form className="h5-track-form" onSubmit={(e) => (e.preventDefault(), void check())}>
        <h2 className="h5-section">{tr('check')}</h2>
        <input
          className="h5-input h5-code-input"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          placeholder="XXRX-20260101-0001"
        />
        <input
          className="h5-input"
          inputMode="numeric"
          maxLength={4}
          value={last4}
          placeholder={tr('last4')}
          onChange={(e) => setLast4(e.target.value.replace(/\D/g, ''))}
          data-testid="apply-last4"
        />
        <button type="submit" className="h5-button" disabled={!code.trim() || last4.length !== 4}>
          {tr('query')}
        </button>
      </form>
      {error && (
        <p className="h5-field-error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <div className="h5-card" data-testid="apply-result">
          <strong>{result.teams.join('、')}</strong>
          <p>{result.statusText}</p>
        </div>
      )}
      <p>
        <a className="h5-link" href="#/">
          {tr('back')}
        </a>
      </p>
    </div>
  );
}
