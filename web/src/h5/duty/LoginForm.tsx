/** The member signs in on the phone (cookie session; the CSRF token comes with the answer). */
import { useState } from 'react';
import { H5Error } from '../publicApi.ts';
import { type MeInfo, signIn } from './dutyApi.ts';
import type { DutyTr } from './strings.ts';

export function LoginForm({ tr, onDone }: { tr: DutyTr; onDone: (me: MeInfo) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      onDone(await signIn(username.trim(), password));
    } catch (err) {
      setError(err instanceof H5Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="h5-form h5-duty" onSubmit={(e) => void submit(e)}>
      <h2 className="h5-section">{tr('login')}</h2>
      <p className="h5-hint">{tr('loginHint')}</p>
      <label className="h5-label">
        {tr('username')}
        <input
          className="h5-input"
          autoComplete="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          data-testid="duty-username"
        />
      </label>
      <label className="h5-label">
        {tr('password')}
        <input
          className="h5-input"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          data-testid="duty-password"
        />
      </label>
      {error && (
        <p className="h5-status h5-error" role="alert">
          {error}
        </p>
      )}
      <button
        type="submit"
        className="h5-button h5-submit"
        disabled={busy || !username || !password}
        data-testid="duty-login"
      >
        {busy ? tr('signingIn') : tr('signIn')}
      </button>
    </form>
  );
}
