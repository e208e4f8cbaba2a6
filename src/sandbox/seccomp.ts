// The sandbox's classic-BPF seccomp program, one program for everything the namespaces cannot stop.
// bwrap loads it with --seccomp FD as the last step before exec, so bwrap's own setup is unaffected.
// SECURITY, what each rule stops:
// - ioctl(TIOCSTI) and ioctl(TIOCLINUX) -> EPERM. TIOCSTI pushes bytes into a terminal's INPUT queue:
//   in a persistent session a sandboxed program could type a command into the session shell that the
//   policy engine never saw; TIOCLINUX (subcode 2/3, selection paste) does the same on a Linux console.
// - keyctl, add_key, request_key -> EPERM. Namespaces do not isolate the kernel keyring: the caller's
//   session keyring (pam_keyinit, kerberos, ecryptfs, credential helpers) is inherited by bwrap and
//   readable inside. Docker's and Flatpak's default profiles deny the same three.
// - unshare and clone with CLONE_NEWUSER -> EPERM. A nested user namespace makes the command "root" in
//   it: bwrap's mounts stay locked, but it opens kernel code (netfilter, mount paths) no agent needs.
//   bwrap --disable-userns does the same where bwrap has it; this rule also covers bwrap < 0.8.
// - clone3 -> ENOSYS. Its flags sit in a struct behind a pointer seccomp cannot read; ENOSYS (not EPERM)
//   makes glibc >= 2.34 (pthread_create, posix_spawn) fall back to clone, where the flags are checked.
//   Docker's default profile answers clone3 the same way.
import { ArgentError } from '../errors.js';

interface ArchNumbers {
  arch: number;
  ioctl: number;
  keyring: number[];
  clone: number;
  unshare: number;
}

// Syscall numbers: arch/x86/entry/syscalls/syscall_64.tbl and include/uapi/asm-generic/unistd.h.
const ARCHES: Record<string, ArchNumbers> = {
  // AUDIT_ARCH_X86_64; add_key, request_key, keyctl
  x64: { arch: 0xc000003e, ioctl: 16, keyring: [248, 249, 250], clone: 56, unshare: 272 },
  // AUDIT_ARCH_AARCH64 (asm-generic numbers)
  arm64: { arch: 0xc00000b7, ioctl: 29, keyring: [217, 218, 219], clone: 220, unshare: 97 },
};
const NR_CLONE3 = 435; // the same on both

export const TIOCSTI = 0x5412;
export const TIOCLINUX = 0x541c;
export const CLONE_NEWUSER = 0x10000000;

const LD_W_ABS = 0x20; // BPF_LD | BPF_W | BPF_ABS
const JEQ_K = 0x15; // BPF_JMP | BPF_JEQ | BPF_K
const JGE_K = 0x35; // BPF_JMP | BPF_JGE | BPF_K
const JSET_K = 0x45; // BPF_JMP | BPF_JSET | BPF_K
const RET_K = 0x06; // BPF_RET | BPF_K
const RET_ALLOW = 0x7fff0000;
const RET_EPERM = 0x00050000 | 1;
const RET_ENOSYS = 0x00050000 | 38;
// struct seccomp_data: nr @0, arch @4, instruction_pointer @8, args[6] @16 (u64 each, little-endian).
const OFF_NR = 0;
const OFF_ARCH = 4;
const OFF_ARG0_LO = 16;
const OFF_ARG1_LO = 24;

// A jump names its target label; `next` falls through. Resolved to offsets by assemble().
type Target = 'next' | 'allow' | 'eperm' | 'enosys' | 'ioctl' | 'flags';
type Insn = { code: number; k: number; jt?: Target; jf?: Target; label?: Target };

function assemble(program: Insn[]): Buffer {
  const at = new Map(program.flatMap((insn, i) => (insn.label ? [[insn.label, i] as const] : [])));
  const offset = (from: number, to: Target | undefined): number => {
    if (to === undefined || to === 'next') return 0;
    const off = at.get(to)! - from - 1;
    // A jump backwards, too far or to a missing label is a bug in this file: never emit such a program.
    if (!(off >= 0 && off < 256)) throw new ArgentError('INTERNAL', `seccomp program: no forward jump from ${from} to ${to}`);
    return off;
  };
  const buf = Buffer.alloc(program.length * 8);
  program.forEach(({ code, k, jt, jf }, i) => {
    buf.writeUInt16LE(code, i * 8);
    buf.writeUInt8(offset(i, jt), i * 8 + 2);
    buf.writeUInt8(offset(i, jf), i * 8 + 3);
    buf.writeUInt32LE(k >>> 0, i * 8 + 4);
  });
  return buf;
}

/** The filter program for a Node `process.arch` value (pure). Throws for an architecture it does not know. */
export function buildSeccompFilter(nodeArch: string): Buffer {
  const n = ARCHES[nodeArch];
  if (!n) {
    // SECURITY: fail closed; a filter with the wrong syscall numbers would silently allow all of the above.
    throw new ArgentError('SANDBOX_UNAVAILABLE', `no seccomp filter for architecture ${nodeArch}`, {
      hint: 'argent-run supports x86_64 and aarch64 hosts',
    });
  }
  return assemble([
    { code: LD_W_ABS, k: OFF_ARCH },
    // SECURITY: another ABI (i386 via int 0x80 on x86_64) numbers syscalls differently; deny it outright.
    { code: JEQ_K, k: n.arch, jf: 'eperm' },
    { code: LD_W_ABS, k: OFF_NR },
    // SECURITY: x32 syscalls carry bit 30 (ioctl is 0x40000000 + 514 there); deny the x32 ABI too.
    ...(nodeArch === 'x64' ? [{ code: JGE_K, k: 0x40000000, jt: 'eperm' as const }] : []),
    ...n.keyring.map((nr) => ({ code: JEQ_K, k: nr, jt: 'eperm' as const })),
    { code: JEQ_K, k: NR_CLONE3, jt: 'enosys' },
    { code: JEQ_K, k: n.ioctl, jt: 'ioctl' },
    { code: JEQ_K, k: n.clone, jt: 'flags' },
    { code: JEQ_K, k: n.unshare, jf: 'allow' },
    // clone's and unshare's flags are arg0 on both architectures; CLONE_NEWUSER is in the low word.
    { code: LD_W_ABS, k: OFF_ARG0_LO, label: 'flags' },
    { code: JSET_K, k: CLONE_NEWUSER, jt: 'eperm', jf: 'allow' },
    // The kernel reads the ioctl request as an unsigned int: compare the low 32 bits only, so high bits
    // set by the caller cannot slip a TIOCSTI past the filter.
    { code: LD_W_ABS, k: OFF_ARG1_LO, label: 'ioctl' },
    { code: JEQ_K, k: TIOCSTI, jt: 'eperm' },
    { code: JEQ_K, k: TIOCLINUX, jt: 'eperm' },
    { code: RET_K, k: RET_ALLOW, label: 'allow' },
    { code: RET_K, k: RET_EPERM, label: 'eperm' },
    { code: RET_K, k: RET_ENOSYS, label: 'enosys' },
  ]);
}

/** The bytes as a bash printf format of \xHH escapes, so a launcher shell can feed them to bwrap on a pipe. */
export function toPrintfEscapes(bytes: Buffer): string {
  return Array.from(bytes, (b) => `\\x${b.toString(16).padStart(2, '0')}`).join('');
}
