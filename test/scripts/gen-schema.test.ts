import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldReference, jsonSchema } from '../../scripts/gen-schema.js';

const root = join(import.meta.dirname, '..', '..');

describe('generated docs', () => {
  it('profiles/schema.json is the schema the loader uses (run npm run gen:schema after changing it)', () => {
    expect(readFileSync(join(root, 'profiles', 'schema.json'), 'utf8')).toBe(jsonSchema());
  });

  it('the README field reference is generated from the same schema', () => {
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain(fieldReference());
  });
});
