/** Display helpers: dates in Asia/Shanghai, validation keys to messages. */
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';

export const TIME_ZONE = 'Asia/Shanghai';

/** UTC ISO string → `YYYY-MM-DD HH:mm:ss` in Asia/Shanghai. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return dayjs.utc(iso).tz(TIME_ZONE).format('YYYY-MM-DD HH:mm:ss');
}

/** UTC ISO string → `YYYY-MM-DD` in Asia/Shanghai. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  return dayjs.utc(iso).tz(TIME_ZONE).format('YYYY-MM-DD');
}

/**
 * Translates a schema message such as `validation.tooLong:50` or `validation.mobile`. Anything
 * that is not a key (e.g. a server message already translated) is returned as it is.
 */
export function translateMessage(t: TFunction, message: string): string {
  if (!/^(validation|errors)\.[\w.]+(:\S+)?$/.test(message)) return message;
  const [key = message, param] = message.split(':');
  return t(key, { max: param, min: param });
}
