import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, type TestContext, createTestApp, login, makeTown, makeUser } from '../../test/harness.ts';

let t: TestContext;
let town: { id: string; code: string };

beforeAll(async () => {
  t = await createTestApp({ lockoutThreshold: 5, lockoutMinutes: 15, ipFailureLimit: 1000 });
  town = await makeTown(t);
});
afterAll(async () => t.close());

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload: payload as object, headers });

describe('sign-in', () => {
  it('signs in with username and password, sets an HttpOnly session cookie and returns the user', async () => {
    const user = await makeUser(t, town.id, 'town_admin');
    const res = await post('/api/auth/login', { username: user.username, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'lx_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const body = res.json();
    expect(body.user.username).toBe(user.username);
    expect(body.roles[0].role).toBe('town_admin');
    expect(body.permissions).toContain('org.write');
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: `lx_session=${cookie?.value}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.id).toBe(user.id);
  });

  it('signs in with the mobile number of the account', async () => {
    const user = await makeUser(t, town.id, 'member');
    await t.database.db
      .updateTable('users')
      .set({
        mobile_hash: t.sealer.hash('13912345678'),
        mobile_enc: t.sealer.encrypt('13912345678'),
        mobile_mask: '139****5678',
      })
      .where('id', '=', user.id)
      .execute();
    const res = await post('/api/auth/login', { username: '139 1234 5678', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.id).toBe(user.id);
  });

  it('answers an unknown user and a wrong password with the same 401 and message', async () => {
    const user = await makeUser(t, town.id, 'member');
    const unknown = await post('/api/auth/login', { username: 'nobody-here', password: 'whatever-123' });
    const wrong = await post('/api/auth/login', { username: user.username, password: 'wrong-password' });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(wrong.json()).toEqual({ code: 'BAD_CREDENTIALS', message: '用户名或密码错误' });
  });

  it('locks an account after 5 failures for 15 minutes with 429 and Retry-After, even for the right password', async () => {
    const user = await makeUser(t, town.id, 'member');
    for (let i = 0; i < 5; i++) {
      expect((await post('/api/auth/login', { username: user.username, password: `bad-${i}` })).statusCode).toBe(401);
    }
    const locked = await post('/api/auth/login', { username: user.username, password: TEST_PASSWORD });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe('ACCOUNT_LOCKED');
    const retry = Number(locked.headers['retry-after']);
    expect(retry).toBeGreaterThan(14 * 60);
    expect(retry).toBeLessThanOrEqual(15 * 60);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'outcome'])
      .where('entity_id', '=', user.id)
      .execute();
    expect(audit.map((a) => a.action)).toContain('auth.lockout');
  });

  it('gives the lockout message in English when asked', async () => {
    const user = await makeUser(t, town.id, 'member');
    for (let i = 0; i < 5; i++) await post('/api/auth/login', { username: user.username, password: `bad-${i}` });
    const res = await post(
      '/api/auth/login',
      { username: user.username, password: TEST_PASSWORD },
      { 'accept-language': 'en-US,en;q=0.9' },
    );
    expect(res.json().message).toMatch(/Too many failed sign-ins; try again in 15 minutes/);
  });

  it('refuses a disabled account after the right password only', async () => {
    const user = await makeUser(t, town.id, 'member');
    await t.database.db.updateTable('users').set({ disabled: 1 }).where('id', '=', user.id).execute();
    expect((await post('/api/auth/login', { username: user.username, password: 'nope-nope' })).statusCode).toBe(401);
    const res = await post('/api/auth/login', { username: user.username, password: TEST_PASSWORD });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('ACCOUNT_DISABLED');
  });

  it('rejects a missing password with 400 naming the field', async () => {
    const res = await post('/api/auth/login', { username: 'admin' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION');
    expect(res.json().fields[0].path).toBe('password');
    expect(res.json().fields[0].message).toContain('密码');
  });

  it('answers malformed JSON with 400 MALFORMED_JSON, not 500', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: '{"username": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('MALFORMED_JSON');
  });

  it('answers an oversized body with 413', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: JSON.stringify({ username: 'a', password: 'x'.repeat(2 * 1024 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('asks for the town when the username exists in two towns, and signs in with it', async () => {
    const other = await makeTown(t);
    const a = await makeUser(t, town.id, 'member', {}, { username: 'shared-name' });
    await makeUser(t, other.id, 'member', {}, { username: 'shared-name' });
    const res = await post('/api/auth/login', { username: 'shared-name', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('TOWN_REQUIRED');
    const ok = await post('/api/auth/login', { username: 'shared-name', password: TEST_PASSWORD, town: town.code });
    expect(ok.json().user.id).toBe(a.id);
  });
});

describe('per-IP limit against password spraying', () => {
  it('refuses an address after many failures across accounts, while another address still signs in', async () => {
    const s = await createTestApp({ ipFailureLimit: 3 });
    try {
      const tw = await makeTown(s);
      const user = await makeUser(s, tw.id, 'member');
      const from = (ip: string, password: string) =>
        s.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username: user.username, password },
          remoteAddress: ip,
        });
      for (let i = 0; i < 3; i++) await from('10.9.9.9', `spray-${i}`);
      const blocked = await from('10.9.9.9', TEST_PASSWORD);
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().code).toBe('TOO_MANY_REQUESTS');
      expect((await from('10.9.9.10', TEST_PASSWORD)).statusCode).toBe(200);
    } finally {
      await s.close();
    }
  });
});

describe('session', () => {
  it('401 without a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });

  it('ends a session idle for longer than the timeout with SESSION_EXPIRED', async () => {
    const user = await makeUser(t, town.id, 'member');
    const c = await login(t, user.username);
    const old = new Date(Date.now() - 31 * 60_000).toISOString();
    await t.database.db.updateTable('sessions').set({ last_seen_at: old }).where('user_id', '=', user.id).execute();
    const res = await c.get('/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('SESSION_EXPIRED');
    expect((await c.get('/api/auth/me')).json().code).toBe('UNAUTHENTICATED');
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const user = await makeUser(t, town.id, 'member');
    const c = await login(t, user.username);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: `lx_session=${c.cookie}` },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF');
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('stores only a hash of the session token', async () => {
    const user = await makeUser(t, town.id, 'member');
    const c = await login(t, user.username);
    const token = c.cookie.split('.')[1] ?? '';
    const rows = await t.database.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).not.toContain(token);
  });
});

describe('change password and language', () => {
  it('changes the password with the current one, refusing short and common ones', async () => {
    const user = await makeUser(t, town.id, 'member');
    const c = await login(t, user.username);
    expect((await c.post('/api/auth/password', {})).statusCode).toBe(400);
    const wrong = await c.post('/api/auth/password', { currentPassword: 'not-it', newPassword: 'Another-Good-Pass-1' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().fields[0].path).toBe('currentPassword');
    const short = await c.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Ab1!' });
    expect(short.statusCode).toBe(422);
    expect(short.json().fields[0].message).toContain('至少 10 位');
    const common = await c.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'password123' });
    expect(common.json().fields[0].message).toContain('过于常见');
    const ok = await c.post('/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'Zhong-Qiu-Yue-Ming',
    });
    expect(ok.statusCode).toBe(200);
    await expect(login(t, user.username)).rejects.toThrow(/401/);
    await expect(login(t, user.username, 'Zhong-Qiu-Yue-Ming')).resolves.toBeTruthy();
  });

  it('keeps the chosen language and answers errors in it', async () => {
    const user = await makeUser(t, town.id, 'member');
    const c = await login(t, user.username);
    expect((await c.put('/api/auth/locale', { locale: 'fr' })).statusCode).toBe(400);
    expect((await c.put('/api/auth/locale', { locale: 'en' })).statusCode).toBe(200);
    const me = await c.get('/api/auth/me');
    expect(me.json().user.locale).toBe('en');
    const denied = await c.get('/api/villages/00000000-0000-7000-8000-000000000000');
    expect(denied.json().message).toBe('Record not found');
  });
});
