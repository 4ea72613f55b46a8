/**
 * GeoReport v2 over our requests: the town is the jurisdiction, a category is a service, the
 * tracking code is the service_request_id. Creation is synchronous, so a token is simply the
 * service_request_id it stands for. Answers carry no personal data: the reporter's columns are
 * never read, and numbers that look like a mobile or an ID number in free text are masked.
 */
import { translate, type Lang } from '../../../common/i18n/index.ts';
import { maskIdNumber, maskMobile } from '../../../common/privacy/identity.ts';
import { type RequestStatus, open311Status } from '../../../common/requests/lifecycle.ts';
import { shanghaiDate } from '../../../common/requests/calendar.ts';
import type { Deps } from '../../platform/context.ts';
import { nowIso } from '../../platform/ids.ts';
import { createRequest } from '../requests/intake.service.ts';
import { Open311Error } from './open311.http.ts';
import * as repo from './open311.repo.ts';
import type { Open311Intake, RequestsQuery } from './open311.schemas.ts';

const DAY = 86400_000;
/** The widest date window one query may span, and the default one. */
const SPAN_DAYS = 90;

export type Town = { id: string; code: string; name: string; created_at: string };

/** A UTC instant as ISO 8601 in Asia/Shanghai time, e.g. `2026-11-24T09:30:00+08:00`. */
export function at8(iso: string): string {
  return `${new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

/** The town a call is about: by jurisdiction_id (the town code), or the only town. */
export async function resolveJurisdiction(deps: Deps, code: string | undefined): Promise<Town> {
  const towns = await repo.townsFor(deps.db, code || undefined);
  const town = towns[0];
  if (!town) throw new Open311Error(404, 'open311.errors.jurisdictionUnknown');
  if (!code && towns.length > 1) throw new Open311Error(400, 'open311.errors.jurisdictionRequired');
  return town;
}

/** The key must be enabled and the town's; its last use is recorded. */
export async function checkApiKey(deps: Deps, town: Town, apiKey: string | undefined): Promise<void> {
  const key = apiKey ? await repo.enabledKeyByHash(deps.db, town.id, deps.sealer.hash(apiKey)) : undefined;
  if (!key) throw new Open311Error(403, 'open311.errors.apiKey');
  await repo.touchKey(deps.db, town.id, key.id, nowIso());
}

export async function discovery(deps: Deps, town: Town, baseUrl: string, lang: Lang) {
  const categories = await repo.enabledCategories(deps.db, town.id);
  const latest = categories.reduce((max, c) => (c.updated_at > max ? c.updated_at : max), town.created_at);
  const changeset = at8(latest);
  return {
    changeset,
    contact: translate(lang, 'open311.contact', { town: town.name }),
    key_service: translate(lang, 'open311.keyService'),
    endpoints: [
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: baseUrl,
        changeset,
        type: 'production',
        formats: ['application/json', 'text/xml'],
      },
    ],
  };
}

export type Service = {
  service_code: string;
  service_name: string;
  description: string | null;
  metadata: boolean;
  type: 'realtime';
};

export async function services(deps: Deps, town: Town): Promise<Service[]> {
  const rows = await repo.enabledCategories(deps.db, town.id);
  return rows.map((c) => ({
    service_code: c.code,
    service_name: c.name,
    description: c.description,
    // Our categories ask for nothing beyond the standard fields.
    metadata: false,
    type: 'realtime',
  }));
}

/** The definition of a service: ours have no extra attributes. */
export async function serviceDefinition(deps: Deps, town: Town, code: string) {
  const [category] = await repo.enabledCategories(deps.db, town.id, code);
  if (!category) throw new Open311Error(404, 'open311.errors.serviceUnknown');
  return { service_code: category.code, attributes: [] as never[] };
}

/** Masks what looks like a mainland mobile or an ID number in free text. */
export function scrub(text: string): string {
  return text
    .replace(/(?<!\d)\d{17}[\dXx](?!\d)/g, (m) => maskIdNumber(m) ?? '')
    .replace(/(?<!\d)1[3-9]\d{9}(?!\d)/g, (m) => maskMobile(m) ?? '');
}

export type Open311Request = {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  lat: null;
  long: null;
  media_url: null;
};

/** Due dates are the end of a Shanghai day; the notice names that day, not the midnight after it. */
const notice = (lang: Lang, due: string) =>
  translate(lang, 'open311.serviceNotice', { due: shanghaiDate(new Date(Date.parse(due) - 1)) });

function present(row: repo.Open311Row, note: string | undefined, lang: Lang): Open311Request {
  const status = open311Status(row.status as RequestStatus);
  return {
    service_request_id: row.code,
    status,
    status_notes: note ? scrub(note) : null,
    service_name: row.service_name,
    service_code: row.service_code,
    description: scrub(row.description),
    agency_responsible: row.agency ?? null,
    service_notice: status === 'open' && row.due_at ? notice(lang, row.due_at) : null,
    requested_datetime: at8(row.created_at),
    updated_datetime: at8(row.updated_at),
    expected_datetime: row.due_at ? at8(row.due_at) : null,
    // The village (and hamlet), never the household address or point a resident gave.
    address: [row.village_name, row.hamlet_name].filter(Boolean).join(' ') || null,
    lat: null,
    long: null,
    media_url: null,
  };
}

async function presentAll(deps: Deps, town: Town, rows: repo.Open311Row[], lang: Lang): Promise<Open311Request[]> {
  const notes = await repo.latestPublicNotes(
    deps.db,
    town.id,
    rows.map((r) => r.id),
  );
  return rows.map((r) => present(r, notes.get(r.id), lang));
}

const list = (value: string | undefined) =>
  value
    ?.split(',')
    .map((v) => v.trim())
    .filter(Boolean);

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/i;

/** An ISO 8601 date or date-time as a UTC instant; without an offset it is Asia/Shanghai time. */
function instant(value: string, field: string): number {
  if (!ISO_8601.test(value)) throw new Open311Error(400, 'open311.errors.date', { field });
  let text = value.replace(' ', 'T');
  if (!text.includes('T')) text += 'T00:00:00';
  if (!/(?:Z|[+-]\d{2}:?\d{2})$/i.test(text.slice(10))) text += '+08:00';
  const ms = Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (Number.isNaN(ms)) throw new Open311Error(400, 'open311.errors.date', { field });
  return ms;
}

/** The filter of `GET requests`: ids override all; otherwise a window of at most 90 days (default: the last 90). */
export function requestFilter(query: RequestsQuery, now = Date.now()): repo.RequestFilter {
  const codes = list(query.service_request_id);
  if (codes?.length) return { codes: codes.slice(0, repo.MAX_REQUESTS).map((c) => c.toUpperCase()) };
  const start = query.start_date ? instant(query.start_date, 'start_date') : undefined;
  const end = query.end_date ? instant(query.end_date, 'end_date') : undefined;
  const span = SPAN_DAYS * DAY;
  let from: number;
  let to: number | undefined;
  if (start !== undefined && end !== undefined) {
    if (start > end || end - start > span) throw new Open311Error(400, 'open311.errors.dateRange');
    [from, to] = [start, end];
  } else if (start !== undefined) [from, to] = [start, start + span];
  else if (end !== undefined) [from, to] = [end - span, end];
  else from = now - span;
  const statuses = new Set(list(query.status));
  return {
    from: new Date(from).toISOString(),
    ...(to === undefined ? {} : { to: new Date(to).toISOString() }),
    ...(statuses.size === 1 ? { open: statuses.has('open') } : {}),
    ...(query.service_code ? { serviceCodes: list(query.service_code) ?? [] } : {}),
  };
}

export async function searchRequests(deps: Deps, town: Town, query: RequestsQuery, lang: Lang) {
  return presentAll(deps, town, await repo.findRequests(deps.db, town.id, requestFilter(query)), lang);
}

/** One request by its code, as a list of one (the spec's shape). */
export async function getRequest(deps: Deps, town: Town, code: string, lang: Lang): Promise<Open311Request[]> {
  const rows = await repo.findRequests(deps.db, town.id, { codes: [code.toUpperCase()] });
  if (!rows.length) throw new Open311Error(404, 'open311.errors.requestUnknown');
  return presentAll(deps, town, rows, lang);
}

/** A token is the service_request_id itself: we answer with it at once, so there is nothing to wait for. */
export async function token(deps: Deps, town: Town, value: string) {
  const [row] = await repo.findRequests(deps.db, town.id, { codes: [value.toUpperCase()] });
  if (!row) throw new Open311Error(404, 'open311.errors.tokenUnknown');
  return [{ service_request_id: row.code, token: row.code }];
}

/** The reporter's name from first and last name: family name first when it is Chinese. */
function nameOf(first: string | undefined, last: string | undefined): string | null {
  const parts = [first, last].filter((p): p is string => !!p);
  if (!parts.length) return null;
  const cjk = /[\u3400-\u9fff]/.test(parts.join(''));
  const name = cjk ? [last, first].filter(Boolean).join('') : parts.join(' ');
  return name.slice(0, 30);
}

/** Creates the request through the common intake (channel open311, awaiting acceptance). */
export async function submit(
  deps: Deps,
  town: Town,
  input: Open311Intake,
  meta: { ip: string; lang: Lang },
): Promise<{ service_request_id: string; service_notice: string }[]> {
  const [category] = await repo.enabledCategories(deps.db, town.id, input.service_code);
  if (!category) throw new Open311Error(400, 'open311.errors.serviceUnknown');
  if ((input.lat === undefined) !== (input.long === undefined)) throw new Open311Error(400, 'open311.errors.location');
  const place = input.address_id ? await repo.placeById(deps.db, town.id, input.address_id) : null;
  if (input.address_id && !place) throw new Open311Error(400, 'open311.errors.addressId');
  if (input.lat === undefined && !input.address_string && !place)
    throw new Open311Error(400, 'open311.errors.location');
  const created = await createRequest(
    deps,
    town.id,
    {
      categoryId: category.id,
      description: input.description,
      villageId: place?.villageId ?? null,
      hamletId: place?.hamletId ?? null,
      address: input.address_string || null,
      lat: input.lat ?? null,
      lng: input.long ?? null,
      name: nameOf(input.first_name, input.last_name),
      mobile: null,
      photoIds: [],
      urgency: 'normal',
      channel: 'open311',
      workstationId: null,
    },
    null,
    { ip: meta.ip, lang: meta.lang },
  );
  return [{ service_request_id: created.code, service_notice: notice(meta.lang, created.dueAt) }];
}
