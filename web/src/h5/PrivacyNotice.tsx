/** The privacy notice (PIPL): what is collected, why, who sees it, how long it is kept. Collapsible. */
import type { Tr } from './dictionary.ts';

export function PrivacyNotice({ tr }: { tr: Tr }) {
  return (
    <details className="h5-privacy" data-testid="privacy">
      <summary>{tr('privacyTitle')}</summary>
      <ul>
        <li>{tr('privacyWhat')}</li>
        <li>{tr('privacyWhy')}</li>
        <li>{tr('privacyWho')}</li>
        <li>{tr('privacyKeep')}</li>
        <li>{tr('privacyMobile')}</li>
      </ul>
    </details>
  );
}
