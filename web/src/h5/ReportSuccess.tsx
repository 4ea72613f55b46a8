/** After a report: the tracking code in big digits, a copy button and how to follow it. */
import { useState } from 'react';
import type { Tr } from './dictionary.ts';

function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) return navigator.clipboard.writeText(text);
  // Old WebViews: a hidden textarea and execCommand.
  const area = document.createElement('textarea');
  area.value = text;
  document.body.appendChild(area);
  area.select();
  document.execCommand('copy');
  area.remove();
  return Promise.resolve();
}

export function ReportSuccess({ code, tr, onAnother }: { code: string; tr: Tr; onAnother: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <section className="h5-success" data-testid="report-success">
      <div className="h5-success-mark" aria-hidden="true">
        ✓
      </div>
      <h2>{tr('successTitle')}</h2>
      <p>{tr('successBody')}</p>
      <p className="h5-code-label">{tr('yourCode')}</p>
      <p className="h5-code" data-testid="tracking-code">
        {code}
      </p>
      <button
        type="button"
        className="h5-button"
        onClick={() => void copyText(code).then(() => setCopied(true))}
        data-testid="copy-code"
      >
        {copied ? `${tr('copied')} ✓` : tr('copy')}
      </button>
      <p className="h5-remember">{tr('remember')}</p>
      <a className="h5-button-ghost" href={`#/track?code=${encodeURIComponent(code)}`}>
        {tr('trackNow')}
      </a>
      <button type="button" className="h5-link" onClick={onAnother}>
        {tr('reportAnother')}
      </button>
    </section>
  );
}
