/**
 * Photo uploads: size-checked while streaming, decoded and re-encoded as JPEG (which drops EXIF,
 * GPS and anything hidden after the image), stored under `<dataDir>/uploads/<townId>/<id>.jpg`.
 * A file that does not decode as an image — an .exe renamed .jpg — is refused with 415.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import type {} from '@fastify/multipart';
import sharp from 'sharp';
import { ErrorCode } from '../../common/errors/codes.ts';
import type { DB } from '../db/schema.ts';
import type { Deps } from './context.ts';
import { AppError, invalidField } from './errors.ts';
import { newId, nowIso } from './ids.ts';

export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
const MAX_EDGE = 1600;
/** Unattached uploads older than this cannot be attached any more. */
const ATTACH_WINDOW_MS = 24 * 3600_000;

export interface StoredUpload {
  id: string;
  url: string;
  width: number;
  height: number;
  bytes: number;
}

export const uploadUrl = (townId: string, id: string): string => `/uploads/${townId}/${id}.jpg`;
export const uploadPath = (dataDir: string, townId: string, id: string): string =>
  path.join(dataDir, 'uploads', townId, `${id}.jpg`);

/** Reads the multipart `file` field, re-encodes it and records it for the town. */
export async function receivePhoto(
  deps: Deps,
  request: FastifyRequest,
  townId: string,
  createdBy: string | null,
): Promise<StoredUpload> {
  if (!request.isMultipart()) throw new AppError(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
  const file = await request.file({ limits: { fileSize: MAX_PHOTO_BYTES, files: 1 } });
  if (!file) throw invalidField('file', 'validation.required');
  let input: Buffer;
  try {
    input = await file.toBuffer();
  } catch {
    throw new AppError(ErrorCode.PAYLOAD_TOO_LARGE, { fields: [{ path: 'file', key: 'validation.photoTooLarge' }] });
  }
  let output: { data: Buffer; info: sharp.OutputInfo };
  try {
    output = await sharp(input, { limitInputPixels: 80_000_000 })
      .rotate()
      .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 80, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
  } catch {
    throw new AppError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, { fields: [{ path: 'file', key: 'validation.photo' }] });
  }
  const id = newId();
  const target = uploadPath(deps.config.dataDir, townId, id);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, output.data);
  await deps.db
    .insertInto('uploads')
    .values({
      town_id: townId,
      id,
      request_id: null,
      event_id: null,
      path: path.relative(deps.config.dataDir, target),
      mime: 'image/jpeg',
      bytes: output.data.length,
      width: output.info.width,
      height: output.info.height,
      created_by: createdBy,
      created_at: nowIso(),
    })
    .execute();
  return {
    id,
    url: uploadUrl(townId, id),
    width: output.info.width,
    height: output.info.height,
    bytes: output.data.length,
  };
}

/**
 * Attaches fresh, unattached uploads of the town to a request (and timeline entry) inside the
 * caller's transaction; an unknown, foreign, stale or already used id is a 400 on `field`.
 */
export async function attachUploads(
  trx: Kysely<DB> | Transaction<DB>,
  townId: string,
  ids: readonly string[],
  target: { requestId: string; eventId: string | null },
  field = 'photoIds',
): Promise<void> {
  if (ids.length === 0) return;
  const since = new Date(Date.now() - ATTACH_WINDOW_MS).toISOString();
  const result = await trx
    .updateTable('uploads')
    .set({ request_id: target.requestId, event_id: target.eventId })
    .where('town_id', '=', townId)
    .where('id', 'in', [...new Set(ids)])
    .where('request_id', 'is', null)
    .where('created_at', '>=', since)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== new Set(ids).size) throw invalidField(field, 'validation.id');
}
