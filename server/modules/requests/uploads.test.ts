import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDefaultCategories } from '../categories/categories.seed.ts';
import {
  type Client,
  type TestContext,
  createTestApp,
  login,
  makeTown,
  makeUser,
  townWithAdmins,
} from '../../test/harness.ts';
import { makeJpeg, makePng, multipart } from '../../test/photos.ts';

let t: TestContext;
let town: Awaited<ReturnType<typeof townWithAdmins>>;
let categories: Record<string, string>;
let admin: Client;
let member: Client;
let otherAdmin: Client;
let otherTown: { id: string; code: string };

interface Uploaded {
  id: string;
  url: string;
  width: number;
  height: number;
  bytes: number;
}

beforeAll(async () => {
  t = await createTestApp();
  town = await townWithAdmins(t);
  categories = await seedDefaultCategories(t.database.db, town.town.id);
  otherTown = await makeTown(t);
  await t.database.db.updateTable('towns').set({ prefix: 'QT' }).where('id', '=', otherTown.id).execute();
  admin = await login(t, town.users.townAdmin.username);
  member = await login(t, town.users.member.username);
  otherAdmin = await login(t, (await makeUser(t, otherTown.id, 'town_admin')).username);
});
afterAll(async () => t.close());

let ip = 0;
/** Each public call from its own address, so the per-address write limit stays out of the way. */
const nextIp = () => `10.20.${Math.floor(++ip / 250)}.${(ip % 250) + 1}`;

const publicUpload = (bytes: Buffer, filename?: string, type?: string) => {
  const body = multipart(bytes, filename, type);
  return t.app.inject({
    method: 'POST',
    url: `/api/public/uploads?town=${town.town.code}`,
    remoteAddress: nextIp(),
    ...body,
  });
};
const staffUpload = (c: Client, bytes: Buffer, filename?: string, type?: string) =>
  c.request({ method: 'POST', url: '/api/uploads', ...multipart(bytes, filename, type) });

const stored = (townId: string, id: string) =>
  fs.readFileSync(path.join(t.config.dataDir, 'uploads', townId, `${id}.jpg`));

const intake = (photoIds: string[]) =>
  t.app.inject({
    method: 'POST',
    url: '/api/public/requests',
    remoteAddress: nextIp(),
    payload: {
      town: town.town.code,
      categoryId: categories.road,
      description: '村口的路灯坏了一个月了',
      photoIds,
      consent: true,
    },
  });

describe('POST /api/public/uploads and /api/uploads', () => {
  it('stores a PNG from a resident as a JPEG no larger than 1600 px on its long edge', async () => {
    const res = await publicUpload(await makePng(2400, 1200), 'photo.png', 'image/png');
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as Uploaded;
    expect(body).toMatchObject({ width: 1600, height: 800, url: `/uploads/${town.town.id}/${body.id}.jpg` });
    const file = stored(town.town.id, body.id);
    expect([...file.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect(body.bytes).toBe(file.length);
    const meta = await sharp(file).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 1600, height: 800 });
  });

  it('stores a staff JPEG re-encoded, a tall photo scaled to 1600 high, a small one not enlarged', async () => {
    const tall = await staffUpload(member, await makeJpeg(1200, 2000));
    expect(tall.statusCode, tall.body).toBe(201);
    expect(tall.json()).toMatchObject({ width: 960, height: 1600 });
    const small = await staffUpload(member, await makeJpeg(300, 200));
    expect(small.json()).toMatchObject({ width: 300, height: 200 });
    expect([...stored(town.town.id, small.json().id).subarray(0, 2)]).toEqual([0xff, 0xd8]);
  });

  it('strips EXIF (GPS, copyright, anything hidden) from what it stores', async () => {
    const withExif = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } })
      .jpeg()
      .withMetadata({ exif: { IFD0: { Copyright: 'secret-gps' } } })
      .toBuffer();
    expect(withExif.includes('secret-gps')).toBe(true);
    for (const res of [await publicUpload(withExif), await staffUpload(admin, withExif)]) {
      expect(res.statusCode).toBe(201);
      const file = stored(town.town.id, res.json().id);
      expect(file.includes('secret-gps')).toBe(false);
      expect((await sharp(file).metadata()).exif).toBeUndefined();
    }
  });

  it('refuses a 10 MB file with 413 PAYLOAD_TOO_LARGE and stores nothing', async () => {
    const before = await t.database.db.selectFrom('uploads').select('id').execute();
    const big = Buffer.concat([await makeJpeg(), Buffer.alloc(10 * 1024 * 1024, 7)]);
    for (const res of [await publicUpload(big), await staffUpload(member, big)]) {
      expect(res.statusCode).toBe(413);
      expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
      expect(res.json().fields[0].path).toBe('file');
    }
    expect(await t.database.db.selectFrom('uploads').select('id').execute()).toHaveLength(before.length);
  });

  it('refuses an executable renamed photo.jpg with 415 on the file field', async () => {
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(4096, 0x90)]);
    const pe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58, 0), Buffer.from('PE\0\0'), Buffer.alloc(4096, 1)]);
    for (const res of [
      await publicUpload(elf, 'photo.jpg', 'image/jpeg'),
      await staffUpload(member, pe, 'photo.jpg', 'image/jpeg'),
    ]) {
      expect(res.statusCode).toBe(415);
      expect(res.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(res.json().fields[0].path).toBe('file');
    }
  });

  it('refuses a body that is not multipart with 415', async () => {
    const pub = await t.app.inject({
      method: 'POST',
      url: `/api/public/uploads?town=${town.town.code}`,
      remoteAddress: nextIp(),
      payload: { file: 'not a photo' },
    });
    expect(pub.statusCode).toBe(415);
    expect(pub.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const staff = await member.post('/api/uploads', { file: 'not a photo' });
    expect(staff.statusCode).toBe(415);
  });

  it('answers 401 to an anonymous staff upload and 403 without the CSRF token', async () => {
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/uploads', ...multipart(await makeJpeg()) });
    expect(anonymous.statusCode).toBe(401);
    const body = multipart(await makeJpeg());
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/uploads',
      payload: body.payload,
      headers: { ...body.headers, cookie: `lx_session=${member.cookie}` },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('CSRF');
  });
});

describe('serving photos', () => {
  it('shows a photo to signed-in staff of its town only: anonymous and another town get 404', async () => {
    const upload = (await publicUpload(await makePng(120, 90))).json() as Uploaded;
    const own = await member.get(upload.url);
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('image/jpeg');
    expect([...own.rawPayload.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect(own.rawPayload.equals(stored(town.town.id, upload.id))).toBe(true);

    const anonymous = await t.app.inject({ method: 'GET', url: upload.url });
    expect(anonymous.statusCode).toBe(404);
    expect((await otherAdmin.get(upload.url)).statusCode).toBe(404);
    // Not even by pointing the other town's session at its own town id.
    expect((await otherAdmin.get(`/uploads/${otherTown.id}/${upload.id}.jpg`)).statusCode).toBe(404);
    expect((await member.get(`/uploads/${town.town.id}/../../test.db`)).statusCode).toBe(404);
  });
});

describe('attaching photos to a report', () => {
  it('attaches an upload once; a second use is 400 on photoIds', async () => {
    const upload = (await publicUpload(await makePng())).json() as Uploaded;
    const first = await intake([upload.id]);
    expect(first.statusCode, first.body).toBe(201);
    const row = await t.database.db
      .selectFrom('requests')
      .select('id')
      .where('code', '=', first.json().code)
      .executeTakeFirstOrThrow();
    const detail = (await admin.get(`/api/requests/${row.id}`)).json();
    expect(detail.photos).toEqual([{ id: upload.id, url: upload.url, width: 40, height: 30 }]);

    const again = await intake([upload.id]);
    expect(again.statusCode).toBe(400);
    expect(again.json().fields[0].path).toBe('photoIds');
  });

  it('refuses more than 6 photos and a photo from another town', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(((await publicUpload(await makePng())).json() as Uploaded).id);
    const seven = await intake(ids);
    expect(seven.statusCode).toBe(400);
    expect(seven.json().fields[0].path).toBe('photoIds');
    // The six first are still free to use: the refused report attached nothing.
    expect((await intake(ids.slice(0, 6))).statusCode).toBe(201);

    const foreign = await otherAdmin.request({ method: 'POST', url: '/api/uploads', ...multipart(await makeJpeg()) });
    expect(foreign.statusCode).toBe(201);
    const stolen = await intake([foreign.json().id]);
    expect(stolen.statusCode).toBe(400);
    expect(stolen.json().fields[0].path).toBe('photoIds');
  });
});
