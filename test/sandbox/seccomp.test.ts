import { describe, expect, test } from 'vitest';
import { buildTiocstiFilter, toPrintfEscapes } from '../../src/sandbox/seccomp.js';

function decode(buf: Buffer): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < buf.length; i += 8) out.push([buf.readUInt16LE(i), buf[i + 2]!, buf[i + 3]!, buf.readUInt32LE(i + 4)]);
  return out;
}

describe('buildTiocstiFilter', () => {
  test('x86_64: checks the arch, denies x32, and answers EPERM to ioctl TIOCSTI/TIOCLINUX only', () => {
    expect(decode(buildTiocstiFilter('x64'))).toEqual([
      [0x20, 0, 0, 4],
      [0x15, 1, 0, 0xc000003e],
      [0x06, 0, 0, 0x00050001],
      [0x20, 0, 0, 0],
      [0x35, 0, 1, 0x40000000],
      [0x06, 0, 0, 0x00050001],
      [0x15, 0, 4, 16],
      [0x20, 0, 0, 24],
      [0x15, 1, 0, 0x5412],
      [0x15, 0, 1, 0x541c],
      [0x06, 0, 0, 0x00050001],
      [0x06, 0, 0, 0x7fff0000],
    ]);
  });

  test('aarch64 uses its own audit arch and ioctl number', () => {
    const p = decode(buildTiocstiFilter('arm64'));
    expect(p[1]).toEqual([0x15, 1, 0, 0xc00000b7]);
    expect(p[4]).toEqual([0x15, 0, 4, 29]);
  });

  test('fails closed on an architecture it does not know', () => {
    expect(() => buildTiocstiFilter('ia32')).toThrow(expect.objectContaining({ code: 'SANDBOX_UNAVAILABLE' }));
  });

  test('encodes bytes as printf \\x escapes', () => {
    expect(toPrintfEscapes(Buffer.from([0, 0x1e, 0xff]))).toBe('\\x00\\x1e\\xff');
  });
});
