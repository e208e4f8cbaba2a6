// A classic-BPF seccomp program that makes ioctl(TIOCSTI) and ioctl(TIOCLINUX) fail with EPERM.
// SECURITY: TIOCSTI pushes bytes into a terminal's INPUT queue. In a persistent session a sandboxed
// program could type a command into the session shell that the policy engine never saw; TIOCLINUX
// (subcode 2/3, selection paste) does the same on a Linux console. bwrap loads this with --seccomp FD.
import { ArgentError } from '../errors.js';

const AUDIT_ARCH: Record<string, { arch: number; ioctl: number }> = {
  x64: { arch: 0xc000003e, ioctl: 16 }, // AUDIT_ARCH_X86_64, __NR_ioctl
  arm64: { arch: 0xc00000b7, ioctl: 29 }, // AUDIT_ARCH_AARCH64, __NR_ioctl (asm-generic)
};

export const TIOCSTI = 0x5412;
export const TIOCLINUX = 0x541c;

const LD_W_ABS = 0x20; // BPF_LD | BPF_W | BPF_ABS
const JEQ_K = 0x15; // BPF_JMP | BPF_JEQ | BPF_K
const JGE_K = 0x35; // BPF_JMP | BPF_JGE | BPF_K
const RET_K = 0x06; // BPF_RET | BPF_K
const RET_ALLOW = 0x7fff0000;
const RET_EPERM = 0x00050000 | 1;
// struct seccomp_data: nr @0, arch @4, instruction_pointer @8, args[6] @16 (u64 each, little-endian).
const OFF_NR = 0;
const OFF_ARCH = 4;
const OFF_ARG1_LO = 24;

type Insn = [code: number, jt: number, jf: number, k: number];

/** The filter program for a Node `process.arch` value (pure). Throws for an architecture it does not know. */
export function buildTiocstiFilter(nodeArch: string): Buffer {
  const target = AUDIT_ARCH[nodeArch];
  if (!target) {
    // SECURITY: fail closed; a filter with the wrong syscall numbers would silently allow TIOCSTI.
    throw new ArgentError('SANDBOX_UNAVAILABLE', `no TIOCSTI seccomp filter for architecture ${nodeArch}`, {
      hint: 'argent-run supports x86_64 and aarch64 hosts',
    });
  }
  const program: Insn[] = [
    [LD_W_ABS, 0, 0, OFF_ARCH],
    // SECURITY: another ABI (i386 via int 0x80 on x86_64) numbers syscalls differently; deny it outright.
    [JEQ_K, 1, 0, target.arch],
    [RET_K, 0, 0, RET_EPERM],
    [LD_W_ABS, 0, 0, OFF_NR],
    // SECURITY: x32 syscalls carry bit 30 (ioctl is 0x40000000 + 514 there); deny the x32 ABI too.
    ...(nodeArch === 'x64' ? ([[JGE_K, 0, 1, 0x40000000], [RET_K, 0, 0, RET_EPERM]] as Insn[]) : []),
    [JEQ_K, 0, 4, target.ioctl],
    // The kernel reads the request as an unsigned int: compare the low 32 bits only, so high bits set
    // by the caller cannot slip a TIOCSTI past the filter.
    [LD_W_ABS, 0, 0, OFF_ARG1_LO],
    [JEQ_K, 1, 0, TIOCSTI],
    [JEQ_K, 0, 1, TIOCLINUX],
    [RET_K, 0, 0, RET_EPERM],
    [RET_K, 0, 0, RET_ALLOW],
  ];
  const buf = Buffer.alloc(program.length * 8);
  program.forEach(([code, jt, jf, k], i) => {
    buf.writeUInt16LE(code, i * 8);
    buf.writeUInt8(jt, i * 8 + 2);
    buf.writeUInt8(jf, i * 8 + 3);
    buf.writeUInt32LE(k >>> 0, i * 8 + 4);
  });
  return buf;
}

/** The bytes as a bash printf format of \xHH escapes, so a launcher shell can feed them to bwrap on a pipe. */
export function toPrintfEscapes(bytes: Buffer): string {
  return Array.from(bytes, (b) => `\\x${b.toString(16).padStart(2, '0')}`).join('');
}
