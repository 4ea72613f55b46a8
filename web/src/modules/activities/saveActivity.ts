/**
 * Saving the activity form: one activity or a monthly series (with its stalls and photos), and
 * edits of one occurrence or of the series from it on. Times picked are Shanghai wall-clock times.
 */
import type { UploadFile } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import type { ActivityKind } from '../../../../common/activities/schemas.ts';
import { api } from '../../app/api.ts';
import { TIME_ZONE } from '../../app/format.ts';
import { notify } from '../../app/notify.ts';
import { photoIds } from '../requests/PhotoUpload.tsx';
import { ACTIVITIES, type ActivityDetail, type SeriesDetail } from './types.ts';

interface StallValues {
  kind: string;
  teamId?: string | null;
  capacity: number;
  label?: string;
}

/** The values of the activity form. */
export interface FormValues {
  kind: ActivityKind;
  title: string;
  placeMode: 'workstation' | 'address';
  workstationId?: string | null;
  villageId?: string | null;
  address?: string;
  range: [Dayjs, Dayjs];
  teamIds: string[];
  capacity?: number | null;
  waitlist: boolean;
  description?: string;
  stalls: StallValues[];
  repeat: boolean;
  dayOfMonth?: number;
  months?: number;
  publish: boolean;
  photos?: UploadFile[];
}

/** The wall-clock time picked, read as Shanghai time, with its offset: `2026-12-22T09:00:00+08:00`. */
export const toIso = (d: Dayjs) => dayjs.tz(d.format('YYYY-MM-DDTHH:mm'), TIME_ZONE).format();
/** A stored instant as the wall-clock time of Shanghai, for the picker. */
export const fromIso = (iso: string) => dayjs(dayjs.utc(iso).tz(TIME_ZONE).format('YYYY-MM-DDTHH:mm'));

/** Where a server field error goes on the form. */
export const FIELD_OF: Record<string, string> = {
  startAt: 'range',
  endAt: 'range',
  startTime: 'range',
  endTime: 'range',
  fromMonth: 'range',
};

/** Fields an activity and a series share. With stalls, places are the stalls' slots: no own capacity. */
function common(v: FormValues, byStall: boolean) {
  return {
    kind: v.kind,
    title: v.title,
    workstationId: v.placeMode === 'workstation' ? (v.workstationId ?? null) : null,
    villageId: v.villageId ?? null,
    address: v.placeMode === 'address' || v.address ? (v.address ?? null) : null,
    teamIds: v.teamIds ?? [],
    ...(byStall ? {} : { capacity: v.capacity ?? null }),
    waitlist: v.waitlist,
    description: v.description ?? null,
  };
}

function stalls(v: FormValues) {
  return (v.stalls ?? []).map((s) => ({
    kind: s.kind,
    teamId: s.teamId ?? null,
    capacity: s.capacity,
    label: s.label ?? null,
  }));
}

async function attachPhotos(id: string, v: FormValues): Promise<void> {
  const ids = photoIds(v.photos);
  if (ids.length) await api(`${ACTIVITIES}/${id}/photos`, { method: 'POST', body: { photoIds: ids } });
}

/** Creates the activity, or the series and its occurrences; answers the id to open (the first one). */
export async function createActivity(t: TFunction, v: FormValues, byStall: boolean): Promise<string> {
  const [start, end] = v.range;
  if (v.repeat) {
    const series = await api<SeriesDetail>(`${ACTIVITIES}/series`, {
      method: 'POST',
      body: {
        ...common(v, byStall),
        dayOfMonth: v.dayOfMonth ?? start.date(),
        startTime: start.format('HH:mm'),
        endTime: end.format('HH:mm'),
        fromMonth: start.format('YYYY-MM'),
        months: v.months ?? 1,
        stalls: stalls(v),
        publish: v.publish,
      },
    });
    const first = series.occurrences[0];
    if (!first) throw new Error(t('activityPages.seriesEmpty'));
    notify.success(t('activityPages.seriesCreated', { count: series.occurrences.length }));
    await attachPhotos(first.id, v);
    return first.id;
  }
  const created = await api<ActivityDetail>(ACTIVITIES, {
    method: 'POST',
    body: { ...common(v, byStall), startAt: toIso(start), endAt: toIso(end), stalls: stalls(v) },
  });
  if (v.publish) {
    await api<ActivityDetail>(`${ACTIVITIES}/${created.id}/transitions/publish`, {
      method: 'POST',
      body: { version: created.version },
    });
  }
  notify.success(t('activityPages.created'));
  await attachPhotos(created.id, v);
  return created.id;
}

/** Saves an edit: of this occurrence only, or of the series (its later unedited occurrences follow). */
export async function updateActivity(
  t: TFunction,
  a: ActivityDetail,
  v: FormValues,
  scope: 'one' | 'following',
): Promise<void> {
  const [start, end] = v.range;
  const byStall = a.stalls.length > 0;
  if (scope === 'following' && a.seriesId) {
    const series = await api<SeriesDetail>(`${ACTIVITIES}/series/${a.seriesId}`);
    const saved = await api<SeriesDetail>(`${ACTIVITIES}/series/${a.seriesId}`, {
      method: 'PATCH',
      body: {
        ...common(v, byStall),
        dayOfMonth: Math.min(28, start.date()),
        startTime: start.format('HH:mm'),
        endTime: end.format('HH:mm'),
        version: series.version,
      },
    });
    notify.success(t('activityPages.seriesUpdated', { count: saved.updated ?? saved.occurrences.length }));
    return;
  }
  await api<ActivityDetail>(`${ACTIVITIES}/${a.id}`, {
    method: 'PATCH',
    body: { ...common(v, byStall), startAt: toIso(start), endAt: toIso(end), version: a.version },
  });
  notify.success(t('common.savedOk'));
}
