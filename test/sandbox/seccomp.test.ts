import { describe, expect, test } from 'vitest';
import { buildSeccompFilter, toPrintfEscapes } from '../../src/sandbox/seccomp.js';

type Decoded = [code: number, jt: number, jf: number, k: number];

function decode(buf: Buffer): Decoded[] {
  const out: Decoded[] = [];
  for (let i = 0; i < buf.length; i += 8) out.push([buf.readUInt16LE(i), buf[i + 2]!, buf[i + 3]!, buf.readUInt32LE(i + 4)]);
  return out;
}

interface Call {
  arch: number;
  nr: number;
  args?: number[];
}

/** A classic-BPF interpreter for the five instructions the filter uses: what the kernel would answer. */
function run(program: Buffer, call: Call): number {
  const data = Buffer.alloc(64);
  data.writeUInt32LE(call.nr, 0);
  data.writeUInt32LE(call.arch, 4);
  (call.args ?? []).forEach((a, i) => data.writeBigUInt64LE(BigInt(a), 16 + i * 8));
  const insns = decode(program);
  let a = 0;
  for (let pc = 0; pc < insns.length; pc++) {
    const [code, jt, jf, k] = insns[pc]!;
    if (code === 0x20) a = data.readUInt32LE(k);
    else if (code === 0x06) return k;
    else if (code === 0x15) pc += a === k ? jt : jf;
    else if (code === 0x35) pc += a >= k ? jt : jf;
    else if (code === 0x45) pc += (a & k) !== 0 ? jt : jf;
    else throw new Error(`unexpected opcode ${code}`);
  }
  throw new Error('fell off the end of the program');
}

const ALLOW = 0x7fff0000;
const EPERM = 0x00050001;
const ENOSYS = 0x00050026;
const X64 = 0xc000003e;
const ARM64 = 0xc00000b7;

describe('buildSeccompFilter', () => {
  test('x86_64: checks the arch, denies x32, then the keyring, clone3, ioctl TIOCSTI/TIOCLINUX and CLONE_NEWUSER', () => {
    expect(decode(buildSeccompFilter('x64'))).toEqual([
      [0x20, 0, 0, 4], // load arch
      [0x15, 0, 15, X64], // other ABI -> EPERM
      [0x20, 0, 0, 0], // load nr
      [0x35, 13, 0, 0x40000000], // x32 -> EPERM
      [0x15, 12, 0, 248], // add_key -> EPERM
      [0x15, 11, 0, 249], // request_key -> EPERM
      [0x15, 10, 0, 250], // keyctl -> EPERM
      [0x15, 10, 0, 435], // clone3 -> ENOSYS
      [0x15, 4, 0, 16], // ioctl -> its request
      [0x15, 1, 0, 56], // clone -> its flags
      [0x15, 0, 5, 272], // unshare -> its flags, else allow
      [0x20, 0, 0, 16], // flags: arg0, low word
      [0x45, 4, 3, 0x10000000], // CLONE_NEWUSER -> EPERM, else allow
      [0x20, 0, 0, 24], // ioctl request: arg1, low word
      [0x15, 2, 0, 0x5412], // TIOCSTI -> EPERM
      [0x15, 1, 0, 0x541c], // TIOCLINUX -> EPERM
      [0x06, 0, 0, ALLOW],
      [0x06, 0, 0, EPERM],
      [0x06, 0, 0, ENOSYS],
    ]);
  });

  test('aarch64: its own audit arch and asm-generic syscall numbers, and no x32 check', () => {
    expect(decode(buildSeccompFilter('arm64'))).toEqual([
      [0x20, 0, 0, 4],
      [0x15, 0, 14, ARM64],
      [0x20, 0, 0, 0],
      [0x15, 12, 0, 217], // add_key
      [0x15, 11, 0, 218], // request_key
      [0x15, 10, 0, 219], // keyctl
      [0x15, 10, 0, 435], // clone3
      [0x15, 4, 0, 29], // ioctl
      [0x15, 1, 0, 220], // clone
      [0x15, 0, 5, 97], // unshare
      [0x20, 0, 0, 16],
      [0x45, 4, 3, 0x10000000],
      [0x20, 0, 0, 24],
      [0x15, 2, 0, 0x5412],
      [0x15, 1, 0, 0x541c],
      [0x06, 0, 0, ALLOW],
      [0x06, 0, 0, EPERM],
      [0x06, 0, 0, ENOSYS],
    ]);
  });

  test.each([
    ['x64', X64, { ioctl: 16, keyring: [248, 249, 250], clone: 56, unshare: 272, read: 0 }],
    ['arm64', ARM64, { ioctl: 29, keyring: [217, 218, 219], clone: 220, unshare: 97, read: 63 }],
  ] as const)('%s: answers each call as the kernel would run the program', (nodeArch, arch, nr) => {
    const p = buildSeccompFilter(nodeArch);
    const answer = (n: number, args: number[] = []): number => run(p, { arch, nr: n, args });
    for (const n of nr.keyring) expect(answer(n, [0, -4 >>> 0])).toBe(EPERM);
    expect(answer(435)).toBe(ENOSYS);
    expect(answer(nr.unshare, [0x10000000])).toBe(EPERM);
    expect(answer(nr.unshare, [0x10000000 | 0x20000])).toBe(EPERM); // with CLONE_NEWNS
    expect(answer(nr.unshare, [0x20000])).toBe(ALLOW); // a mount namespace alone is harmless here (no caps)
    expect(answer(nr.clone, [0x10000000 | 17])).toBe(EPERM);
    expect(answer(nr.clone, [0x01200000 | 17])).toBe(ALLOW); // fork(): CLONE_CHILD_SETTID|CLEARTID|SIGCHLD
    expect(answer(nr.ioctl, [0, 0x5412])).toBe(EPERM);
    expect(answer(nr.ioctl, [0, 0x541c])).toBe(EPERM);
    expect(answer(nr.ioctl, [0, 0x5413])).toBe(ALLOW); // TIOCGWINSZ
    expect(answer(nr.read)).toBe(ALLOW);
    expect(run(p, { arch: 0x40000003, nr: 54, args: [0, 0x5412] })).toBe(EPERM); // i386 ioctl via int 0x80
  });

  test('x86_64: high bits cannot hide TIOCSTI, and every x32 syscall is refused', () => {
    const p = buildSeccompFilter('x64');
    expect(run(p, { arch: X64, nr: 16, args: [0, 0x1_0000_5412] })).toBe(EPERM);
    expect(run(p, { arch: X64, nr: 0x40000000 + 514, args: [0, 0x5412] })).toBe(EPERM);
    expect(run(p, { arch: X64, nr: 0x40000000 + 0 })).toBe(EPERM);
  });

  test('fails closed on an architecture it does not know', () => {
    expect(() => buildSeccompFilter('ia32')).toThrow(expect.objectContaining({ code: 'SANDBOX_UNAVAILABLE' }));
  });

  test('encodes bytes as printf \\x escapes', () => {
    expect(toPrintfEscapes(Buffer.from([0, 0x1e, 0xff]))).toBe('\\x00\\x1e\\xff');
  });
});
