/** The repository's copy of the official Open311 schemas must match the shared originals. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BESIDE, VENDORED } from './open311.testkit.ts';

describe('vendored Open311 schemas', () => {
  it('hold every official file, unchanged', () => {
    const ours = fs.readdirSync(VENDORED).sort();
    expect(ours).toEqual(expect.arrayContaining(['request.json', 'requests.json', 'service.json', 'services.json']));
    if (!fs.existsSync(BESIDE)) return;
    expect(ours).toEqual(fs.readdirSync(BESIDE).sort());
    for (const file of ours) {
      expect(fs.readFileSync(path.join(VENDORED, file), 'utf8'), file).toBe(
        fs.readFileSync(path.join(BESIDE, file), 'utf8'),
      );
    }
  });
});
