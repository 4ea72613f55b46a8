import { describe, expect, it } from 'vitest';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblem } from './password.ts';

describe('passwordProblem', () => {
  it('accepts a long, uncommon password', () => {
    expect(passwordProblem('Zhong-Qiu-Yue-Ming', 'wang')).toBeNull();
  });

  it('refuses passwords too short or too long', () => {
    expect(passwordProblem('a'.repeat(PASSWORD_MIN_LENGTH - 2) + 'b')).toBe('tooShort');
    expect(passwordProblem(`Ab1-${'x'.repeat(PASSWORD_MAX_LENGTH)}`)).toBe('tooLong');
  });

  it('refuses common passwords whatever their case', () => {
    expect(passwordProblem('password123')).toBe('common');
    expect(passwordProblem('Lianxin@2026')).toBe('common');
  });

  it('refuses one repeated character', () => {
    expect(passwordProblem('zzzzzzzzzzzz')).toBe('repeated');
  });

  it('refuses a password containing the username', () => {
    expect(passwordProblem('my-zhangsan-pass', 'ZhangSan')).toBe('containsUsername');
    expect(passwordProblem('my-ab-password-x', 'ab')).toBeNull();
  });
});
