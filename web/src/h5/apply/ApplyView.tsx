/**
 * 申请加入服务队: a resident applies (teams, consent) and later checks the result with the code
 * and the last 4 digits of their mobile. Loaded only when opened, so the report page stays light.
 */
import { useEffect, useState } from 'react';
import { isValidIdNumber, isValidMobile, normaliseMobile } from '../../../../common/privacy/identity.ts';
import { getJson, H5Error, postJson, query, townCode } from '../publicApi.ts';
import { ApplyStatus } from './ApplyStatus.tsx';
import { type ApplyKey, type ApplyLang, applyText, BACKGROUNDS, POLITICAL } from './strings.ts';

interface Team {
  id: string;
  name: string;
  colour: string;
  focus: string;
}
interface Villages {
  villages: { id: string; name: string }[];
}
type Load =
  { status: 'loading' } | { status: 'error' } | { status: 'ready'; teams: Team[]; villages: Villages['villages'] };

const COLOURS: Record<string, string> = {
  red: '#d4380d',
  blue: '#1677ff',
  green: '#389e0d',
  pink: '#eb2f96',
  orange: '#fa8c16',
};

export default function ApplyView({ lang, initialCode }: { lang: ApplyLang; initialCode: string }) {
  const tr = (key: ApplyKey) => applyText(lang, key);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [form, setForm] = useState({
    name: '',
    gender: '',
    birthYear: '',
    mobile: '',
    idNumber: '',
    villageId: '',
    politicalStatus: 'masses',
    skills: '',
    motivation: '',
  });
  const [backgrounds, setBackgrounds] = useState<string[]>([]);
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const [consent, setConsent] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);
  const [code, setCode] = useState(initialCode);
  const [sent, setSent] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    const town = query({ town: townCode() });
    Promise.all([
      getJson<{ items: Team[] }>(`/api/public/teams${town}`, controller.signal),
      getJson<Villages>(`/api/public/categories${town}`, controller.signal),
    ])
      .then(([teams, v]) => setLoad({ status: 'ready', teams: teams.items, villages: v.villages }))
      .catch(() => !controller.signal.aborted && setLoad({ status: 'error' }));
    return () => controller.abort();
  }, [attempt]);

  if (code) return <ApplyStatus lang={lang} code={code} fresh={sent} />;
  if (load.status === 'loading') return <p className="h5-status">{tr('loading')}</p>;
  if (load.status === 'error')
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

  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [key]: e.target.value });
  const toggle = (list: string[], value: string, update: (v: string[]) => void) =>
    update(list.includes(value) ? list.filter((x) => x !== value) : [...list, value]);
  const err = (key: string) =>
    errors[key] ? (
      <p className="h5-field-error" role="alert">
        {errors[key]}
      </p>
    ) : null;

  const submit = async () => {
    const found: Record<string, string> = {};
    const mobile = normaliseMobile(form.mobile);
    if (!form.name.trim()) found.name = tr('required');
    if (!isValidMobile(mobile)) found.mobile = tr('badMobile');
    if (form.idNumber.trim() && !isValidIdNumber(form.idNumber)) found.idNumber = tr('badId');
    if (teamIds.length === 0) found.teamIds = tr('pickTeam');
    if (!consent) found.consent = tr('needConsent');
    setErrors(found);
    if (Object.keys(found).length) return;
    setSending(true);
    try {
      const res = await postJson<{ code: string }>('/api/public/applications', {
        town: townCode(),
        name: form.name,
        gender: form.gender || null,
        birthYear: form.birthYear ? Number(form.birthYear) : null,
        mobile,
        idNumber: form.idNumber || null,
        villageId: form.villageId || null,
        politicalStatus: form.politicalStatus,
        backgrounds,
        skills: form.skills
          .split(/[、,，\s]+/)
          .map((s) => s.trim())
          .filter(Boolean)
          .slice(0, 20),
        teamIds,
        motivation: form.motivation || null,
        consent: true,
      });
      try {
        localStorage.setItem('lianxin.apply', res.code);
      } catch {
        // Kept on screen only.
      }
      setSent(true);
      setCode(res.code);
    } catch (error) {
      if (error instanceof H5Error && error.fields.length)
        setErrors(Object.fromEntries(error.fields.map((f) => [f.path.split('.')[0] ?? f.path, f.message])));
      else setErrors({ form: error instanceof Error ? error.message : String(error) });
    } finally {
      setSending(false);
    }
  };

  const thisYear = new Date().getFullYear();
  return (
    <form className="h5-form" onSubmit={(e) => (e.preventDefault(), void submit())} noValidate data-testid="apply-form">
      <p className="h5-intro">{tr('intro')}</p>
      <fieldset>
        <legend>{tr('teams')}</legend>
        <div className="h5-tiles">
          {load.teams.map((team) => (
            <button
              key={team.id}
              type="button"
              role="checkbox"
              aria-checked={teamIds.includes(team.id)}
              className={teamIds.includes(team.id) ? 'h5-tile h5-tile-on' : 'h5-tile'}
              style={{ borderLeft: `6px solid ${COLOURS[team.colour] ?? '#999'}` }}
              onClick={() => toggle(teamIds, team.id, setTeamIds)}
              data-testid="team-tile"
            >
              <strong>{team.name}</strong>
              <small>{team.focus}</small>
            </button>
          ))}
        </div>
        {err('teamIds')}
      </fieldset>
      <fieldset>
        <label className="h5-label">
          {tr('name')} *
          <input
            className="h5-input"
            maxLength={30}
            value={form.name}
            onChange={set('name')}
            data-testid="apply-name"
          />
        </label>
        {err('name')}
        <label className="h5-label">
          {tr('mobile')} *
          <input
            className="h5-input"
            type="tel"
            inputMode="numeric"
            maxLength={16}
            value={form.mobile}
            onChange={set('mobile')}
            data-testid="apply-mobile"
          />
        </label>
        {err('mobile')}
        <label className="h5-label">
          {tr('gender')}
          <select className="h5-input" value={form.gender} onChange={set('gender')}>
            <option value="">{tr('choose')}</option>
            <option value="male">{tr('male')}</option>
            <option value="female">{tr('female')}</option>
          </select>
        </label>
        <label className="h5-label">
          {tr('birthYear')}
          <input
            className="h5-input"
            type="number"
            inputMode="numeric"
            min={1920}
            max={thisYear}
            value={form.birthYear}
            onChange={set('birthYear')}
          />
        </label>
        {err('birthYear')}
        <label className="h5-label">
          {tr('idNumber')}
          <input className="h5-input" maxLength={18} value={form.idNumber} onChange={set('idNumber')} />
        </label>
        {err('idNumber')}
        <label className="h5-label">
          {tr('village')}
          <select className="h5-input" value={form.villageId} onChange={set('villageId')} data-testid="apply-village">
            <option value="">{tr('choose')}</option>
            {load.villages.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
        <label className="h5-label">
          {tr('political')}
          <select className="h5-input" value={form.politicalStatus} onChange={set('politicalStatus')}>
            {Object.entries(POLITICAL[lang]).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <fieldset>
        <legend>{tr('backgrounds')}</legend>
        <div className="h5-chips">
          {Object.entries(BACKGROUNDS[lang]).map(([value, label]) => (
            <button
              key={value}
              type="button"
              aria-pressed={backgrounds.includes(value)}
              className={backgrounds.includes(value) ? 'h5-chip h5-chip-on' : 'h5-chip'}
              onClick={() => toggle(backgrounds, value, setBackgrounds)}
            >
              {label}
            </button>
          ))}
        </div>
        <label className="h5-label">
          {tr('skills')}
          <input className="h5-input" maxLength={200} value={form.skills} onChange={set('skills')} />
        </label>
        <label className="h5-label">
          {tr('motivation')}
          <textarea
            className="h5-input"
            rows={3}
            maxLength={500}
            value={form.motivation}
            onChange={set('motivation')}
          />
        </label>
      </fieldset>
      <label className="h5-check h5-consent">
        <input
          type="checkbox"
          checked={consent}
          onChange={(e) => setConsent(e.target.checked)}
          data-testid="apply-consent"
        />
        {tr('consent')}
      </label>
      {err('consent')}
      <details className="h5-privacy">
        <summary>{tr('privacyTitle')}</summary>
        <ul>
          <li>{tr('privacyWhat')}</li>
          <li>{tr('privacyWho')}</li>
          <li>{tr('privacyKeep')}</li>
        </ul>
      </details>
      {err('form')}
      <button type="submit" className="h5-button h5-submit" disabled={sending} data-testid="apply-submit">
        {sending ? tr('sending') : tr('submit')}
      </button>
      <p>
        <a className="h5-link" href="#/apply?check=1" onClick={(e) => (e.preventDefault(), setCode('?'))}>
          {tr('check')}
        </a>
      </p>
    </form>
  );
}
