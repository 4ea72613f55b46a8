/** 我要反映: category tiles, description, place, photos, contact (or anonymous), consent → tracking code. */
import { useEffect, useState } from 'react';
import { categoryEmoji } from './categoryIcons.ts';
import type { Tr } from './dictionary.ts';
import { PhotoPicker, type PickedPhoto } from './PhotoPicker.tsx';
import { PrivacyNotice } from './PrivacyNotice.tsx';
import { getJson, H5Error, postJson, query, rememberCode, townCode } from './publicApi.ts';
import { ReportSuccess } from './ReportSuccess.tsx';
import { SimilarList } from './SimilarList.tsx';

interface PublicCategories {
  town: { code: string; name: string };
  categories: { id: string; code: string; name: string; icon: string; description: string | null }[];
  villages: { id: string; name: string; hamlets: { id: string; name: string }[] }[];
}

type Load = { status: 'loading' } | { status: 'error' } | { status: 'ready'; data: PublicCategories };

export function ReportView({ tr }: { tr: Tr }) {
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [categoryId, setCategoryId] = useState('');
  const [description, setDescription] = useState('');
  const [villageId, setVillageId] = useState('');
  const [hamletId, setHamletId] = useState('');
  const [address, setAddress] = useState('');
  const [position, setPosition] = useState<{ lat: number; lng: number } | null>(null);
  const [locating, setLocating] = useState<'idle' | 'busy' | 'failed'>('idle');
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [anonymous, setAnonymous] = useState(false);
  const [name, setName] = useState('');
  const [mobile, setMobile] = useState('');
  const [consent, setConsent] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);
  const [receipt, setReceipt] = useState<{ code: string } | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    getJson<PublicCategories>(`/api/public/categories${query({ town: townCode() })}`, controller.signal)
      .then((data) => setLoad({ status: 'ready', data }))
      .catch(() => !controller.signal.aborted && setLoad({ status: 'error' }));
    return () => controller.abort();
  }, [attempt]);

  if (receipt) return <ReportSuccess code={receipt.code} tr={tr} onAnother={() => window.location.reload()} />;
  if (load.status === 'loading') return <p className="h5-status">{tr('loading')}</p>;
  if (load.status === 'error') {
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
  }
  const { categories, villages } = load.data;
  const hamlets = villages.find((v) => v.id === villageId)?.hamlets ?? [];

  const locate = () => {
    if (!navigator.geolocation) return setLocating('failed');
    setLocating('busy');
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setPosition({
          lat: Math.round(p.coords.latitude * 1e6) / 1e6,
          lng: Math.round(p.coords.longitude * 1e6) / 1e6,
        });
        setLocating('idle');
      },
      () => setLocating('failed'),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };

  const submit = async () => {
    const found: Record<string, string> = {};
    if (!categoryId) found.categoryId = tr('categoryRequired');
    if (description.trim().length < 5) found.description = tr('tooShort');
    if (!anonymous && mobile.trim() && !/^1\d{10}$/.test(mobile.replace(/[\s-]/g, '')))
      found.mobile = tr('mobileInvalid');
    if (!consent) found.consent = tr('consentRequired');
    if (photos.some((p) => !p.id && !p.failed)) found.photos = tr('waitUploads');
    setErrors(found);
    if (Object.keys(found).length) {
      document.querySelector('.h5-field-error')?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      return;
    }
    setSending(true);
    try {
      const answer = await postJson<{ code: string }>('/api/public/requests', {
        categoryId,
        description: description.trim(),
        villageId: villageId || null,
        hamletId: hamletId || null,
        address: address.trim() || null,
        lat: position?.lat ?? null,
        lng: position?.lng ?? null,
        name: anonymous ? null : name.trim() || null,
        mobile: anonymous ? null : mobile.replace(/[\s-]/g, '') || null,
        photoIds: photos.filter((p) => p.id).map((p) => p.id),
        consent: true,
        town: townCode(),
      });
      rememberCode(answer.code);
      setReceipt(answer);
      window.scrollTo(0, 0);
    } catch (error) {
      const fields: Record<string, string> = {};
      if (error instanceof H5Error) for (const f of error.fields) fields[f.path.split('.')[0] ?? f.path] = f.message;
      fields.form = error instanceof H5Error && error.status !== 0 ? error.message : tr('submitFailed');
      setErrors(fields);
    } finally {
      setSending(false);
    }
  };

  const err = (key: string) =>
    errors[key] ? (
      <p className="h5-field-error" role="alert">
        {errors[key]}
      </p>
    ) : null;

  return (
    <form
      className="h5-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      noValidate
    >
      <p className="h5-intro">{tr('reportIntro')}</p>
      <fieldset>
        <legend>{tr('step1')}</legend>
        <div className="h5-tiles" role="radiogroup">
          {categories.map((c) => (
            <button
              key={c.id}
              type="button"
              role="radio"
              aria-checked={categoryId === c.id}
              className={categoryId === c.id ? 'h5-tile h5-tile-on' : 'h5-tile'}
              onClick={() => setCategoryId(c.id)}
              data-testid="category-tile"
              title={c.description ?? undefined}
            >
              <span aria-hidden="true">{categoryEmoji(c.icon)}</span>
              {c.name}
            </button>
          ))}
        </div>
        {err('categoryId')}
      </fieldset>
      <fieldset>
        <legend>{tr('step2')}</legend>
        <textarea
          className="h5-input"
          rows={5}
          maxLength={1000}
          value={description}
          placeholder={tr('descPlaceholder')}
          onChange={(e) => setDescription(e.target.value)}
          data-testid="description"
        />
        <div className="h5-counter">{tr('counter', { count: description.length })}</div>
        {err('description')}
        <SimilarList text={description} villageId={villageId} categoryId={categoryId} tr={tr} />
      </fieldset>
      <fieldset>
        <legend>{tr('step3')}</legend>
        <label className="h5-label">
          {tr('village')}
          <select
            className="h5-input"
            value={villageId}
            onChange={(e) => {
              setVillageId(e.target.value);
              setHamletId('');
            }}
            data-testid="village"
          >
            <option value="">{tr('choose')}</option>
            {villages.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
        {hamlets.length > 0 && (
          <label className="h5-label">
            {tr('hamlet')}
            <select
              className="h5-input"
              value={hamletId}
              onChange={(e) => setHamletId(e.target.value)}
              data-testid="hamlet"
            >
              <option value="">{tr('choose')}</option>
              {hamlets.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="h5-label">
          {tr('addressLabel')}
          <input
            className="h5-input"
            maxLength={200}
            value={address}
            placeholder={tr('addressPlaceholder')}
            onChange={(e) => setAddress(e.target.value)}
          />
        </label>
        <button type="button" className="h5-button-ghost" onClick={locate} disabled={locating === 'busy'}>
          📍 {locating === 'busy' ? tr('locating') : position ? `${tr('located')} ✓` : tr('useLocation')}
        </button>
        {locating === 'failed' && <p className="h5-hint">{tr('locateFailed')}</p>}
      </fieldset>
      <fieldset>
        <legend>{tr('step4')}</legend>
        <PhotoPicker photos={photos} setPhotos={setPhotos} tr={tr} />
        {err('photos')}
      </fieldset>
      <fieldset>
        <legend>{tr('step5')}</legend>
        <label className="h5-check">
          <input
            type="checkbox"
            checked={anonymous}
            onChange={(e) => setAnonymous(e.target.checked)}
            data-testid="anonymous"
          />
          {tr('anonymous')}
        </label>
        {anonymous ? (
          <p className="h5-hint">{tr('anonymousHint')}</p>
        ) : (
          <>
            <label className="h5-label">
              {tr('name')}
              <input
                className="h5-input"
                maxLength={30}
                value={name}
                placeholder={tr('namePlaceholder')}
                onChange={(e) => setName(e.target.value)}
              />
            </label>
            <label className="h5-label">
              {tr('mobile')}
              <input
                className="h5-input"
                type="tel"
                inputMode="numeric"
                maxLength={13}
                value={mobile}
                onChange={(e) => setMobile(e.target.value)}
                data-testid="mobile"
              />
            </label>
            <p className="h5-hint">{tr('mobileHint')}</p>
            {err('mobile')}
          </>
        )}
      </fieldset>
      <PrivacyNotice tr={tr} />
      <label className="h5-check h5-consent">
        <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} data-testid="consent" />
        {tr('consent')}
      </label>
      {err('consent')}
      {err('form')}
      <button type="submit" className="h5-button h5-submit" disabled={sending} data-testid="submit">
        {sending ? tr('submitting') : tr('submit')}
      </button>
    </form>
  );
}
