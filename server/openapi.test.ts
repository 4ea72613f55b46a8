/** The committed OpenAPI document must be what the routes produce (run `npm run gen` after route changes). */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from './openapi.ts';

describe('OpenAPI document', () => {
  it('matches docs/openapi.json', async () => {
    const committed = JSON.parse(
      fs.readFileSync(path.resolve(import.meta.dirname, '..', 'docs', 'openapi.json'), 'utf8'),
    );
    expect(JSON.parse(JSON.stringify(await openApiDocument()))).toEqual(committed);
  });

  it('describes every API route with a summary and tag', async () => {
    const doc = (await openApiDocument()) as {
      paths: Record<string, Record<string, { summary?: string; tags?: string[] }>>;
    };
    const operations = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.entries(ops).map(([m, op]) => ({ p, m, op })),
    );
    expect(operations.length).toBeGreaterThan(40);
    for (const { p, m, op } of operations) {
      expect(op.summary, `${m} ${p}`).toBeTruthy();
      expect(op.tags?.length, `${m} ${p}`).toBeGreaterThan(0);
    }
  });
});
