/** One workstation: name, level or village, address, opening hours and a call button. */
import type { H5Key } from './dictionary.ts';
import type { OnDutyPerson } from './duty/useOnDuty.ts';
import type { Town } from './useTown.ts';

interface WorkstationCardProps {
  workstation: Town['workstations'][number];
  tr: (key: H5Key, params?: Record<string, string | number>) => string;
  /** Who is on duty there now (names or aliases, masked phones). */
  onDuty?: OnDutyPerson[] | undefined;
}

export function WorkstationCard({ workstation: w, tr, onDuty }: WorkstationCardProps) {
  return (
    <article className="h5-card" data-testid="workstation">
      <h2>
        {w.name}
        <span className={w.level === 'town' ? 'h5-tag h5-tag-town' : 'h5-tag'}>
          {w.level === 'town' ? tr('townLevel') : w.villageName}
        </span>
      </h2>
      <dl>
        <dt>{tr('address')}</dt>
        <dd>{w.address}</dd>
        <dt>{tr('hours')}</dt>
        <dd data-testid="opening-hours">{w.openingHours}</dd>
        {w.phone && (
          <>
            <dt>{tr('phone')}</dt>
            <dd>
              <a className="h5-call" href={`tel:${w.phone.replace(/[^\d+]/g, '')}`}>
                <span aria-hidden="true">☎</span> {w.phone} · {tr('call')}
              </a>
            </dd>
          </>
        )}
        {onDuty && onDuty.length > 0 && (
          <>
            <dt>{tr('onDuty')}</dt>
            <dd data-testid="on-duty">
              {onDuty.map((p) => `${p.name}${p.mobile ? ` ${p.mobile}` : ''}（${p.shiftName}）`).join('、')}
            </dd>
          </>
        )}
      </dl>
    </article>
  );
}
