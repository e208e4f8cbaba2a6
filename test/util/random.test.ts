import { describe, expect, it } from 'vitest';
import { randomBytes } from '../../src/util/random.js';

describe('randomBytes', () => {
  it('returns exactly n bytes', () => {
    for (const n of [0, 1, 6, 16, 32, 4096]) expect(randomBytes(n).length).toBe(n);
  });

  it('never repeats an id (no fixed or reused buffer)', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => randomBytes(8).toString('hex')));
    expect(ids.size).toBe(2000);
  });

  it('uses every byte value over many draws (not a constant or a narrow range)', () => {
    const seen = new Set(randomBytes(64 * 1024));
    expect(seen.size).toBe(256);
  });
});
