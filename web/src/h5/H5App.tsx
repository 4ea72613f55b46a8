/** Resident home: the town's workstations with address, hours and a tap-to-call phone. */
import { useEffect, useMemo, useState } from 'react';
import { h5Text, type H5Key, type H5Lang } from './dictionary.ts';
import { useTown } from './useTown.ts';
import { WorkstationCard } from './WorkstationCard.tsx';

const LANG_KEY = 'lianxin.lang';

function initialLang(): H5Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

export function H5App() {
  const [lang, setLang] = useState<H5Lang>(initialLang);
  const [state, retry] = useTown(lang);
  const [village, setVillage] = useState('');
  const [query, setQuery] = useState('');
  const tr = (key: H5Key, params?: Record<string, string | number>) => h5Text(lang, key, params);
  const town = state.status === 'ready' ? state.town : null;

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = town ? `${town.name} · ${h5Text(lang, 'title')}` : h5Text(lang, 'title');
  }, [lang, town]);

  const villages = useMemo(() => {
    const names = new Set<string>();
    for (const w of town?.workstations ?? []) if (w.villageName) names.add(w.villageName);
    return [...names];
  }, [town]);

  const shown = (town?.workstations ?? []).filter((w) => {
    if (village === '__town' && w.level !== 'town') return false;
    if (village && village !== '__town' && w.villageName !== village) return false;
    const q = query.trim();
    return !q || [w.name, w.villageName ?? '', w.address].some((s) => s.includes(q));
  });

  const toggleLang = () => {
    const next = lang === 'en' ? 'zh-CN' : 'en';
    try {
      localStorage.setItem(LANG_KEY, next);
    } catch {
      // The choice lasts for this visit only.
    }
    setLang(next);
  };

  return (
    <div className="h5">
      <header className="h5-header">
        <div className="h5-header-top">
          <span className="h5-brand">连心</span>
          <button type="button" className="h5-lang" onClick={toggleLang}>
            {tr('language')}
          </button>
        </div>
        <h1 data-testid="town-name">{town?.name ?? '\u00a0'}</h1>
        <p>
          {tr('title')} · {tr('subtitle')}
        </p>
      </header>
      <main className="h5-main">
        {state.status === 'loading' && (
          <p className="h5-status" role="status">
            {tr('loading')}
          </p>
        )}
        {state.status === 'error' && (
          <div className="h5-status h5-error" role="alert">
            <p>{tr('error')}</p>
            <button type="button" className="h5-button" onClick={retry}>
              {tr('retry')}
            </button>
          </div>
        )}
        {town && (
          <>
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
              <WorkstationCard key={w.id} workstation={w} tr={tr} />
            ))}
          </>
        )}
      </main>
      <footer className="h5-footer">{tr('footer', { town: town?.name ?? '' })}</footer>
    </div>
  );
}
