/** Up to 6 photos: camera or gallery, uploaded one by one with progress, each removable. */
import { useRef } from 'react';
import type { Tr } from './dictionary.ts';
import { uploadPhoto } from './publicApi.ts';

export interface PickedPhoto {
  key: string;
  preview: string;
  percent: number;
  id?: string;
  failed?: boolean;
}

interface PhotoPickerProps {
  photos: PickedPhoto[];
  setPhotos: (update: (prev: PickedPhoto[]) => PickedPhoto[]) => void;
  tr: Tr;
}

export const MAX_PHOTOS = 6;

export function PhotoPicker({ photos, setPhotos, tr }: PhotoPickerProps) {
  const input = useRef<HTMLInputElement>(null);
  const patch = (key: string, change: Partial<PickedPhoto>) =>
    setPhotos((prev) => prev.map((p) => (p.key === key ? { ...p, ...change } : p)));

  const add = async (files: FileList | null) => {
    const chosen = [...(files ?? [])].slice(0, MAX_PHOTOS - photos.length);
    const added = chosen.map((file) => ({
      file,
      photo: { key: `${Date.now()}-${Math.random()}`, preview: URL.createObjectURL(file), percent: 0 },
    }));
    setPhotos((prev) => [...prev, ...added.map((a) => a.photo)]);
    if (input.current) input.current.value = '';
    // One at a time: a slow rural connection does better with one upload than with six.
    for (const { file, photo } of added) {
      try {
        const answer = await uploadPhoto(file, (percent) => patch(photo.key, { percent }));
        patch(photo.key, { id: answer.id, percent: 100 });
      } catch {
        patch(photo.key, { failed: true });
      }
    }
  };

  return (
    <div className="h5-photos">
      {photos.map((p) => (
        <div key={p.key} className="h5-photo" data-testid="photo">
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
      {photos.length < MAX_PHOTOS && (
        <label className="h5-photo h5-photo-add">
          <span aria-hidden="true">📷</span>
          {tr('addPhoto')}
          <input
            ref={input}
            type="file"
            accept="image/*"
            capture="environment"
            multiple
            onChange={(e) => void add(e.target.files)}
            data-testid="photo-input"
          />
        </label>
      )}
    </div>
  );
}
