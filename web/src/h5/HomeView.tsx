/** Resident home: the three big buttons, then the town's workstations with address, hours and phone. */
import { useMemo, useState } from 'react';
import type { Tr } from './dictionary.ts';
import type { Town } from './useTown.ts';
import { WorkstationCard } from './WorkstationCard.tsx';
import { useOnDuty } from './duty/useOnDuty.ts';

export function HomeView({ town, tr }: { town: Town; tr: Tr }) {
  const [village, setVillage] = useState('');
  const onDuty = useOnDuty();
  const [query, setQuery] = useState('');
  const villages = useMemo(() => {
    const names = new Set<string>();
    for (const w of town.workstations) if (w.villageName) names.add(w.villageName);
    return [...names];
  }, [town]);
  const shown = town.workstations.filter((w) => {
    if (village === '__town' && w.level !== 'town') return false;
    if (village && village !== '__town' && w.villageName !== village) return false;
    const q = query.trim();
    return !q || [w.name, w.villageName ?? '', w.address].some((s) => s.includes(q));
  });

  return (
    <>
      <nav className="h5-big-buttons">
        <a href="#/report" className="h5-big h5-big-report" data-testid="big-report">
          <span className="h5-big-icon" aria-hidden="true">
            📣
          </span>
          <strong>{tr('bigReport')}</strong>
          <small>{tr('bigReportHint')}</small>
        </a>
        <a href="#/track" className="h5-big" data-testid="big-track">
          <span className="h5-big-icon" aria-hidden="true">
            🔍
          </span>
          <strong>{tr('bigTrack')}</strong>
          <small>{tr('bigTrackHint')}</small>
        </a>
        <a href="#/figures" className="h5-big" data-testid="big-figures">
          <span className="h5-big-icon" aria-hidden="true">
            📊
          </span>
          <strong>{tr('bigFigures')}</strong>
          <small>{tr('bigFiguresHint')}</small>
        </a>
        <a href="#/activities" className="h5-big" data-testid="big-activities">
          <span className="h5-big-icon" aria-hidden="true">
            📅
          </span>
          <strong>{tr('bigActivities')}</strong>
          <small>{tr('bigActivitiesHint')}</small>
        </a>
      </nav>
      <h2 className="h5-section">{tr('workstations')}</h2>
      <input
        className="h5-search"
        type="search"
        value={query}
        placeholder={tr('searchPlaceholder')}
        aria-label={tr('searchPlaceholder')}
        onChange={(e) => setQuery(e.target.value)}
      />
      <div className="h5-chips" role="tablist">
        {[['', tr('allVillages')], ['__town', tr('townLevel')], ...villages.map((v) => [v, v])].map(
          ([value = '', label]) => (
            <button
              key={value}
              type="button"
              role="tab"
              aria-selected={village === value}
              className={village === value ? 'h5-chip h5-chip-on' : 'h5-chip'}
              onClick={() => setVillage(value)}
            >
              {label}
            </button>
          ),
        )}
      </div>
      <p className="h5-count">{tr('count', { count: shown.length })}</p>
      {shown.length === 0 && <p className="h5-status">{tr('empty')}</p>}
      {shown.map((w) => (
        <WorkstationCard key={w.id} workstation={w} tr={tr} onDuty={onDuty.get(w.id)} />
      ))}
    </>
  );
}
