/**
 * Chinese identity formats: mainland mobile numbers and 18-digit resident ID numbers
 * (GB 11643-1999, with the ISO 7064 MOD 11-2 check character). Isomorphic: used by the
 * server's validation and the web's forms alike.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The check character an ID number's first 17 digits call for. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] ?? '';
}

/** True for a well-formed 18-digit resident ID number with a valid birth date and check character. */
export function isValidIdNumber(value: string): boolean {
  const v = value.trim().toUpperCase();
  if (!/^[1-9]\d{5}(18|19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dX]$/.test(v)) return false;
  const y = Number(v.slice(6, 10));
  const m = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  if (date.getTime() > Date.now()) return false;
  return idNumberCheckChar(v.slice(0, 17)) === v[17];
}

/** True for a mainland mobile number: 11 digits starting 13–19. */
export function isValidMobile(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(value.trim());
}

/** Normalises what people type: spaces, dashes and a +86 prefix go. */
export function normaliseMobile(value: string): string {
  return value.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
}

/** `13812341234` → `138****1234`. Anything else keeps at most its last 2 characters. */
export function maskMobile(value: string | null | undefined): string | null {
  if (!value) return null;
  const v = value.trim();
  if (v.length === 11) return `${v.slice(0, 3)}****${v.slice(7)}`;
  return v.length > 2 ? `${'*'.repeat(v.length - 2)}${v.slice(-2)}` : '**';
}

/** `360121199001011234` → `3601**********1234`. */
export function maskIdNumber(value: string | null | undefined): string | null {
  if (!value) return null;
  const v = value.trim();
  if (v.length < 8) return '*'.repeat(v.length);
  return `${v.slice(0, 4)}${'*'.repeat(v.length - 8)}${v.slice(-4)}`;
}

/** Gender and birth date read off an ID number; null when it is not valid. */
export function idNumberFacts(value: string): { birthDate: string; gender: 'male' | 'female' } | null {
  if (!isValidIdNumber(value)) return null;
  const v = value.trim();
  return {
    birthDate: `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}`,
    gender: Number(v[16]) % 2 === 1 ? 'male' : 'female',
  };
}
