/** Password rules shared by the change-password form and the server. */

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/**
 * Passwords too common to allow, lower-cased. The checks also refuse anything made of one
 * repeated character, or a password that contains the username.
 */
const BLOCKLIST = new Set([
  '12345678',
  '123456789',
  '1234567890',
  '12345678910',
  '0123456789',
  '1qaz2wsx',
  '1qaz2wsx3edc',
  'qwertyuiop',
  'qwerty123',
  'qwerty1234',
  'password',
  'password1',
  'password123',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword123',
  'abc123456',
  'abcd1234',
  'abcdefgh',
  'aa123456',
  'a123456789',
  'admin123',
  'admin1234',
  'admin@123',
  'admin@2026',
  'administrator',
  'iloveyou',
  'woaini1314',
  'woaini520',
  '5201314',
  '88888888',
  '66666666',
  '11111111',
  '00000000',
  '123123123',
  '147258369',
  '987654321',
  'zxcvbnm123',
  'asdfghjkl',
  'lianxin123',
  'lianxin2026',
  'lianxin@2026',
  'youlan123',
  'changeme',
  'letmein123',
  'welcome123',
  'huawei123',
  'root1234',
  'test1234',
]);

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(
  password: string,
  username?: string,
): 'tooShort' | 'tooLong' | 'common' | 'containsUsername' | 'repeated' | null {
  if (password.length < PASSWORD_MIN_LENGTH) return 'tooShort';
  if (password.length > PASSWORD_MAX_LENGTH) return 'tooLong';
  const lower = password.toLowerCase();
  if (BLOCKLIST.has(lower)) return 'common';
  if (/^(.)\1+$/.test(password)) return 'repeated';
  if (username && username.length >= 3 && lower.includes(username.toLowerCase())) return 'containsUsername';
  return null;
}
