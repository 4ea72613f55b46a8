/** Photos for upload tests: real images made with sharp, and a hand-built multipart body. */
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';

/** A solid-colour PNG of the given size. */
export function makePng(width = 40, height = 30): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 20, g: 160, b: 90 } } })
    .png()
    .toBuffer();
}

/** A JPEG of the given size. */
export function makeJpeg(width = 40, height = 30): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 60, b: 40 } } })
    .jpeg()
    .toBuffer();
}

/** A multipart/form-data body with one `file` field (or another field name). */
export function multipart(
  bytes: Buffer,
  filename = 'photo.jpg',
  contentType = 'image/jpeg',
  field = 'file',
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----lianxin${randomBytes(8).toString('hex')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
        `Content-Type: ${contentType}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
