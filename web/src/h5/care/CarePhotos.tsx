/** Up to 3 photos of a visit: camera or gallery, uploaded one by one (signed in), each removable. */
import { useRef } from 'react';
import { uploadVisitPhoto } from './careApi.ts';
import type { CareTr } from './strings.ts';

export interface CarePhoto {
  key: string;
  preview: string;
  percent: number;
  id?: string;
  failed?: boolean;
}

const MAX = 3;

interface Props {
  photos: CarePhoto[];
  setPhotos: (update: (prev: CarePhoto[]) => CarePhoto[]) => void;
  tr: CareTr;
}

export function CarePhotos({ photos, setPhotos, tr }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const patch = (key: string, change: Partial<CarePhoto>) =>
    setPhotos((prev) => prev.map((p) => (p.key === key ? { ...p, ...change } : p)));

  const add = async (files: FileList | null) => {
    const chosen = [...(files ?? [])].slice(0, MAX - photos.length);
    const added = chosen.map((file, i) => ({
      file,
      photo: { key: `${file.name}-${file.size}-${photos.length + i}`, preview: URL.createObjectURL(file), percent: 0 },
    }));
    setPhotos((prev) => [...prev, ...added.map((a) => a.photo)]);
    if (input.current) input.current.value = '';
    for (const { file, photo } of added) {
      try {
        const answer = await uploadVisitPhoto(file, (percent) => patch(photo.key, { percent }));
        patch(photo.key, { id: answer.id, percent: 100 });
      } catch {
        patch(photo.key, { failed: true });
      }
    }
  };

  return (
    <div className="h5-photos">
      {photos.map((p) => (
        <div key={p.key} className="h5-photo" data-testid="visit-photo">
          <img src={p.preview} alt="" />
          {!p.id && !p.failed && <span className="h5-photo-bar">{tr('uploading', { percent: p.percent })}</span>}
          {p.failed && <span className="h5-photo-bar h5-photo-failed">{tr('uploadFailed')}</span>}
          <button
            type="button"
            className="h5-photo-remove"
            aria-label={tr('remove')}
            onClick={() => {
              URL.revokeObjectURL(p.preview);
              setPhotos((prev) => prev.filter((x) => x.key !== p.key));
            }}
          >
            ×
          </button>
        </div>
      ))}
      {photos.length < MAX && (
        <label className="h5-photo h5-photo-add">
          <span aria-hidden="true">📷</span>
          {tr('addPhoto')}
          <input
            ref={input}
            type="file"
            accept="image/*"
            capture="environment"
            onChange={(e) => void add(e.target.files)}
            data-testid="visit-photo-input"
          />
        </label>
      )}
    </div>
  );
}
