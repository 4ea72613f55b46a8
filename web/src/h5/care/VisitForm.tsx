/**
 * `#/care/visit?r=…`: one screen a 70-year-old volunteer finishes in under a minute — tap what was done,
 * how the person was, how long; optionally a note, a photo, a problem found (→ a request with a tracking code).
 */
import { useEffect, useState } from 'react';
import type { Condition, MyPairing, VisitCreated, VisitService } from '../../../../common/care/schemas.ts';
import { categoryEmoji } from '../categoryIcons.ts';
import { getJson, H5Error, query, rememberCode, townCode } from '../publicApi.ts';
import { loadMyCare, logVisit } from './careApi.ts';
import { type CarePhoto, CarePhotos } from './CarePhotos.tsx';
import type { CareKey, CareTr } from './strings.ts';

const SERVICES = [
  ['cleaning', '🧹'],
  ['nail_trimming', '✂️'],
  ['companionship', '💬'],
  ['health_check', '🩺'],
  ['shopping', '🛒'],
  ['medicine', '💊'],
  ['haircut', '💇'],
  ['repair', '🔧'],
  ['other', '➕'],
] as const satisfies readonly (readonly [VisitService, string])[];
const CONDITIONS = [
  ['good', '😊'],
  ['fair', '🙂'],
  ['poor', '😟'],
  ['urgent', '🚨'],
] as const satisfies readonly (readonly [Condition, string])[];
const DURATIONS = [30, 60, 90] as const;

interface Category {
  id: string;
  name: string;
  icon: string;
}

export function VisitForm({ tr, recipientId }: { tr: CareTr; recipientId: string }) {
  const [pairing, setPairing] = useState<MyPairing | null>(null);
  const [loadError, setLoadError] = useState('');
  const [services, setServices] = useState<VisitService[]>([]);
  const [condition, setCondition] = useState<Condition | ''>('');
  const [minutes, setMinutes] = useState<number>(60);
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<CarePhoto[]>([]);
  const [problem, setProblem] = useState(false);
  const [categories, setCategories] = useState<Category[] | null>(null);
  const [categoryId, setCategoryId] = useState('');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);
  const [done, setDone] = useState<VisitCreated | null>(null);

  useEffect(() => {
    let live = true;
    loadMyCare().then(
      (mine) => live && setPairing(mine.items.find((p) => p.recipientId === recipientId) ?? null),
      (e: unknown) => live && setLoadError(e instanceof H5Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [recipientId]);

  useEffect(() => {
    if (!problem || categories) return;
    const controller = new AbortController();
    getJson<{ categories: Category[] }>(`/api/public/categories${query({ town: townCode() })}`, controller.signal)
      .then((d) => setCategories(d.categories))
      .catch(() => !controller.signal.aborted && setCategories([]));
    return () => controller.abort();
  }, [problem, categories]);

  if (done) return <VisitDone tr={tr} done={done} />;
  if (loadError)
    return (
      <p className="h5-status h5-error" role="alert">
        {loadError}
      </p>
    );

  const toggle = (s: VisitService) =>
    setServices((prev) => (prev.includes(s) ? prev.filter((x) => x !== s) : [...prev, s]));
  const uploading = photos.some((p) => !p.id && !p.failed);

  const submit = async () => {
    const found: Record<string, string> = {};
    if (services.length === 0) found.services = tr('needServices');
    if (!condition) found.condition = tr('needCondition');
    if (problem && !categoryId) found.categoryId = tr('needCategory');
    if (problem && !description.trim()) found.description = tr('needDescription');
    setErrors(found);
    if (Object.keys(found).length) {
      document.querySelector(`[data-field="${Object.keys(found)[0]}"]`)?.scrollIntoView({ block: 'center' });
      return;
    }
    setSending(true);
    try {
      const answer = await logVisit({
        recipientId,
        durationMinutes: minutes,
        services,
        condition,
        notes: note.trim() || null,
        photoIds: photos.flatMap((p) => (p.id ? [p.id] : [])),
        problem: problem ? { categoryId, description: description.trim() } : null,
      });
      if (answer.request) rememberCode(answer.request.code);
      setDone(answer);
      window.scrollTo(0, 0);
    } catch (e) {
      const fields: Record<string, string> = {};
      if (e instanceof H5Error)
        for (const f of e.fields)
          fields[f.path.replace(/^problem\./, '').replace(/^categoryId$/, 'categoryId')] = f.message;
      setErrors({ ...fields, form: e instanceof Error ? e.message : String(e) });
    } finally {
      setSending(false);
    }
  };

  return (
    <form
      className="h5-form h5-care"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="h5-care-head">
        <a className="h5-link" href="#/care">
          {tr('back')}
        </a>
        <strong data-testid="visit-recipient">{pairing?.name ?? '…'}</strong>
      </div>

      <section className="h5-care-box" data-field="services">
        <h3>{tr('servicesTitle')}</h3>
        <div className="h5-care-grid">
          {SERVICES.map(([s, icon]) => (
            <button
              key={s}
              type="button"
              aria-pressed={services.includes(s)}
              className={services.includes(s) ? 'h5-care-chip h5-care-on' : 'h5-care-chip'}
              onClick={() => toggle(s)}
              data-testid={`service-${s}`}
            >
              <span aria-hidden="true">{icon}</span>
              {tr(`service_${s}` as CareKey)}
            </button>
          ))}
        </div>
        {errors.services && services.length === 0 && <p className="h5-field-error">{errors.services}</p>}
      </section>

      <section className="h5-care-box" data-field="condition">
        <h3>
          {tr(
            pairing?.kinds.includes('left_behind_child')
              ? 'conditionTitleChild'
              : pairing?.kinds.includes('elderly_alone')
                ? 'conditionTitleElder'
                : 'conditionTitle',
          )}
        </h3>
        <div className="h5-care-grid h5-care-grid-4">
          {CONDITIONS.map(([c, icon]) => (
            <button
              key={c}
              type="button"
              aria-pressed={condition === c}
              className={condition === c ? `h5-care-chip h5-care-on h5-care-${c}` : 'h5-care-chip'}
              onClick={() => setCondition(c)}
              data-testid={`condition-${c}`}
            >
              <span aria-hidden="true">{icon}</span>
              {tr(`condition_${c}` as CareKey)}
            </button>
          ))}
        </div>
        {errors.condition && !condition && <p className="h5-field-error">{errors.condition}</p>}
      </section>

      <section className="h5-care-box">
        <h3>{tr('durationTitle')}</h3>
        <div className="h5-care-grid">
          {DURATIONS.map((n) => (
            <button
              key={n}
              type="button"
              aria-pressed={minutes === n}
              className={minutes === n ? 'h5-care-chip h5-care-short h5-care-on' : 'h5-care-chip h5-care-short'}
              onClick={() => setMinutes(n)}
              data-testid={`duration-${n}`}
            >
              {tr('minutes', { n })}
            </button>
          ))}
        </div>
      </section>

      <section className="h5-care-box" data-field="problem">
        <label className="h5-care-switch">
          <input
            type="checkbox"
            checked={problem}
            onChange={(e) => setProblem(e.target.checked)}
            data-testid="problem-toggle"
          />
          <span>⚠️ {tr('problemToggle')}</span>
        </label>
        {problem && (
          <div className="h5-care-problem">
            <p className="h5-label" data-field="categoryId">
              {tr('problemCategory')}
            </p>
            {categories === null ? (
              <p className="h5-hint">{tr('loading')}</p>
            ) : (
              <div className="h5-tiles">
                {categories.map((c) => (
                  <button
                    key={c.id}
                    type="button"
                    aria-pressed={categoryId === c.id}
                    className={categoryId === c.id ? 'h5-tile h5-tile-on' : 'h5-tile'}
                    onClick={() => setCategoryId(c.id)}
                    data-testid="problem-category"
                  >
                    <span aria-hidden="true">{categoryEmoji(c.icon)}</span>
                    {c.name}
                  </button>
                ))}
              </div>
            )}
            {errors.categoryId && !categoryId && <p className="h5-field-error">{errors.categoryId}</p>}
            <label className="h5-label" data-field="description" style={{ marginTop: 12 }}>
              {tr('problemDescription')}
              <textarea
                className="h5-input"
                rows={3}
                maxLength={1000}
                value={description}
                placeholder={tr('problemPlaceholder')}
                onChange={(e) => setDescription(e.target.value)}
                data-testid="problem-description"
              />
            </label>
            {errors.description && !description.trim() && <p className="h5-field-error">{errors.description}</p>}
          </div>
        )}
      </section>

      <section className="h5-care-box">
        <label className="h5-label">
          {tr('noteTitle')}
          <textarea
            className="h5-input"
            rows={2}
            maxLength={1000}
            value={note}
            placeholder={tr('notePlaceholder')}
            onChange={(e) => setNote(e.target.value)}
            data-testid="visit-note"
          />
        </label>
        <p className="h5-label">{tr('photoTitle')}</p>
        <CarePhotos photos={photos} setPhotos={setPhotos} tr={tr} />
      </section>

      {errors.form && (
        <p className="h5-field-error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="h5-care-submitbar">
        <button
          type="submit"
          className="h5-button h5-submit h5-care-submit"
          disabled={sending || uploading}
          data-testid="visit-submit"
        >
          {sending ? tr('submitting') : tr('submit')}
        </button>
      </div>
    </form>
  );
}

function VisitDone({ tr, done }: { tr: CareTr; done: VisitCreated }) {
  return (
    <div className="h5-success h5-care" data-testid="visit-done">
      <div className="h5-success-mark" aria-hidden="true">
        ✓
      </div>
      <h2>{tr('done')}</h2>
      {done.hours > 0 && <p className="h5-hint">{tr('doneHours', { hours: done.hours })}</p>}
      {done.request && (
        <div className="h5-card h5-care-request">
          <p className="h5-code-label">{tr('requestRaised')}</p>
          <p className="h5-code" data-testid="visit-request-code">
            {done.request.code}
          </p>
          <a className="h5-link" href={`#/track?code=${encodeURIComponent(done.request.code)}`}>
            {tr('trackIt')} ›
          </a>
        </div>
      )}
      <a className="h5-button h5-submit h5-care-submit" href="#/care" data-testid="back-to-pairings">
        {tr('backToList')}
      </a>
    </div>
  );
}
