// Programs that change kernel or system state, or print stored credentials, without naming a file:
// each is judged as the access to the file that holds that state (`sysctl -w kernel.sysrq=1` writes
// /proc/sys/kernel/sysrq as surely as `echo 1 > /proc/sys/kernel/sysrq`; `git credential fill` reads
// ~/.git-credentials). allowedPaths then decides, as for any path. Data, not code: extend the table.
import { hasUnquotedExpansion } from '../parse/raw-word.js';
import type { SimpleCommand, Word } from '../parse/types.js';
import type { PathWord } from './path-words.js';

export interface ImpliedAccess {
  programs: string[];
  /** Leading operands required ("credential" "fill"); one of the listed words at each position. */
  subcommand?: string[][];
  /** Only with one of these options (mount -a, losetup -f); any operand also qualifies with `orOperands`. */
  anyFlag?: string[];
  /** With anyFlag: this many operands qualify too (mount DEV DIR, losetup LOOP FILE). */
  orOperands?: number;
  /** Not with one of these (modprobe -n is a dry run, swapon --show lists). */
  unlessFlag?: string[];
  access: 'read' | 'write';
  /** The file that holds the state, and what it is for people. */
  path: string;
  what: string;
}

export const impliedAccesses: ImpliedAccess[] = [
  // Kernel and system state.
  { programs: ['mount'], anyFlag: ['-a', '--all'], orOperands: 1, unlessFlag: ['-l', '--show-labels', '-h', '--help', '-V', '--version'], access: 'write', path: '/proc/1/mountinfo', what: 'the mount table' },
  { programs: ['umount', 'pivot_root'], unlessFlag: ['-h', '--help', '-V', '--version'], access: 'write', path: '/proc/1/mountinfo', what: 'the mount table' },
  { programs: ['swapoff'], unlessFlag: ['-h', '--help', '-V', '--version'], access: 'write', path: '/proc/swaps', what: 'the swap areas' },
  { programs: ['swapon'], anyFlag: ['-a', '--all'], orOperands: 1, unlessFlag: ['-s', '--summary', '--show', '-h', '--help'], access: 'write', path: '/proc/swaps', what: 'the swap areas' },
  { programs: ['insmod', 'rmmod', 'kexec'], unlessFlag: ['-h', '--help', '-V', '--version'], access: 'write', path: '/sys/module', what: 'the loaded kernel modules' },
  { programs: ['modprobe'], unlessFlag: ['-n', '--dry-run', '-c', '--showconfig', '--show-depends', '-D', '-R', '--resolve-alias', '-h', '--help', '-V', '--version'], access: 'write', path: '/sys/module', what: 'the loaded kernel modules' },
  { programs: ['losetup'], anyFlag: ['-f', '--find', '-d', '--detach', '-D', '--detach-all', '-c', '--set-capacity', '-P', '--partscan'], orOperands: 2, access: 'write', path: '/dev/loop-control', what: 'the loop devices' },
  { programs: ['dmsetup'], subcommand: [['create', 'remove', 'remove_all', 'load', 'resume', 'suspend', 'rename', 'message', 'wipe_table', 'reload']], access: 'write', path: '/dev/mapper/control', what: 'the device-mapper table' },
  { programs: ['hostname'], orOperands: 1, anyFlag: ['-F', '--file', '-b', '--boot'], access: 'write', path: '/proc/sys/kernel/hostname', what: 'the host name' },
  { programs: ['hostnamectl', 'timedatectl', 'localectl'], subcommand: [['set-hostname', 'set-time', 'set-timezone', 'set-ntp', 'set-local-rtc', 'set-locale', 'set-keymap', 'set-x11-keymap', 'hostname', 'chassis', 'deployment', 'location', 'icon-name']], access: 'write', path: '/etc', what: 'system settings' },
  { programs: ['hwclock'], anyFlag: ['-w', '--systohc', '-s', '--hctosys', '--set', '--adjust', '-a'], access: 'write', path: '/dev/rtc0', what: 'the hardware clock' },
  { programs: ['dmesg'], anyFlag: ['-C', '--clear', '-c', '--read-clear', '-n', '--console-level', '-D', '--console-off', '-E', '--console-on'], access: 'write', path: '/dev/kmsg', what: 'the kernel log' },
  { programs: ['flashrom'], anyFlag: ['-w', '--write', '-E', '--erase'], access: 'write', path: '/dev/mem', what: 'the firmware flash' },
  { programs: ['fwupdmgr'], subcommand: [['install', 'update', 'upgrade', 'downgrade', 'reinstall', 'activate', 'switch-branch']], access: 'write', path: '/sys/firmware', what: 'the device firmware' },
  { programs: ['wrmsr'], access: 'write', path: '/dev/cpu', what: 'the CPU registers' },
  { programs: ['cpupower'], subcommand: [['frequency-set', 'set', 'idle-set']], access: 'write', path: '/sys/devices/system/cpu', what: 'the CPU settings' },
  { programs: ['setenforce'], access: 'write', path: '/sys/fs/selinux/enforce', what: 'the SELinux mode' },
  { programs: ['rfkill'], subcommand: [['block', 'unblock', 'toggle']], access: 'write', path: '/dev/rfkill', what: 'the radio switches' },
  { programs: ['ldconfig'], unlessFlag: ['-p', '--print-cache', '-N', '-V', '--version', '--help'], access: 'write', path: '/etc/ld.so.cache', what: 'the shared library cache' },
  { programs: ['update-alternatives'], anyFlag: ['--install', '--set', '--remove', '--remove-all', '--auto', '--config', '--all'], access: 'write', path: '/etc/alternatives', what: 'the system alternatives' },
  { programs: ['useradd', 'adduser', 'newusers'], access: 'write', path: '/etc/passwd', what: 'the user accounts' },
  { programs: ['groupadd', 'addgroup', 'groupmod', 'gpasswd'], access: 'write', path: '/etc/group', what: 'the groups' },
  { programs: ['grub-install', 'grub2-install', 'update-grub', 'grub-mkconfig', 'efibootmgr', 'bootctl'], unlessFlag: ['-v', '--verbose', '-h', '--help', '-V', '--version', 'status', 'list'], access: 'write', path: '/boot', what: 'the boot loader' },
  { programs: ['ip'], subcommand: [['link', 'l', 'address', 'addr', 'a', 'route', 'r', 'rule', 'neigh', 'n', 'tunnel', 'netns', 'xfrm', 'maddress', 'mroute', 'tuntap', 'vrf'], ['set', 'add', 'del', 'delete', 'flush', 'change', 'replace', 'append', 'exec']], access: 'write', path: '/proc/sys/net', what: 'the network configuration' },
  { programs: ['ifconfig'], orOperands: 2, access: 'write', path: '/proc/sys/net', what: 'the network configuration' },
  { programs: ['route'], subcommand: [['add', 'del', 'flush']], access: 'write', path: '/proc/sys/net', what: 'the network configuration' },
  { programs: ['tc'], subcommand: [['qdisc', 'class', 'filter', 'action'], ['add', 'del', 'delete', 'change', 'replace', 'link']], access: 'write', path: '/proc/sys/net', what: 'the network configuration' },
  { programs: ['udevadm'], subcommand: [['trigger', 'control']], access: 'write', path: '/sys/devices', what: 'the device events' },
  { programs: ['cgcreate', 'cgset', 'cgdelete', 'cgclassify', 'cgexec'], access: 'write', path: '/sys/fs/cgroup', what: 'the control groups' },
  // Stored credentials, printed.
  { programs: ['git'], subcommand: [['credential', 'credential-store', 'credential-cache'], ['fill', 'get', 'approve', 'reject', 'store', 'erase']], access: 'read', path: '~/.git-credentials', what: 'stored git credentials' },
  { programs: ['gh'], subcommand: [['auth'], ['token']], access: 'read', path: '~/.config/gh/hosts.yml', what: 'the GitHub token' },
  { programs: ['gh'], subcommand: [['auth'], ['status']], anyFlag: ['-t', '--show-token'], access: 'read', path: '~/.config/gh/hosts.yml', what: 'the GitHub token' },
  { programs: ['aws'], subcommand: [['configure'], ['get', 'export-credentials']], access: 'read', path: '~/.aws/credentials', what: 'AWS credentials' },
  { programs: ['gcloud'], subcommand: [['auth'], ['print-access-token', 'print-identity-token', 'application-default']], access: 'read', path: '~/.config/gcloud', what: 'Google Cloud credentials' },
  { programs: ['gcloud'], subcommand: [['config'], ['config-helper']], access: 'read', path: '~/.config/gcloud', what: 'Google Cloud credentials' },
  { programs: ['az'], subcommand: [['account'], ['get-access-token']], access: 'read', path: '~/.azure', what: 'Azure credentials' },
  { programs: ['kubectl'], subcommand: [['config'], ['view']], anyFlag: ['--raw', '--flatten'], access: 'read', path: '~/.kube/config', what: 'Kubernetes credentials' },
  { programs: ['docker-credential-desktop', 'docker-credential-pass', 'docker-credential-secretservice', 'docker-credential-osxkeychain', 'docker-credential-ecr-login', 'docker-credential-gcloud'], subcommand: [['get', 'list']], access: 'read', path: '~/.docker/config.json', what: 'registry credentials' },
  { programs: ['gpg', 'gpg2'], anyFlag: ['--export-secret-keys', '--export-secret-subkeys', '--export-secret-key', '-d', '--decrypt'], access: 'read', path: '~/.gnupg', what: 'secret keys' },
  // `pass NAME` is `pass show NAME`.
  { programs: ['pass', 'gopass'], orOperands: 1, unlessFlag: ['ls', 'list', 'init', 'help', 'version', '--help', '--version'], access: 'read', path: '~/.password-store', what: 'the password store' },
  { programs: ['lpass', 'keepassxc-cli'], subcommand: [['show', 'export', 'clip']], access: 'read', path: '~/.password-store', what: 'the password store' },
  { programs: ['secret-tool'], subcommand: [['lookup', 'search']], access: 'read', path: '~/.local/share/keyrings', what: 'the keyring' },
  { programs: ['vault'], subcommand: [['print', 'token'], ['token', 'lookup']], access: 'read', path: '~/.vault-token', what: 'the Vault token' },
  { programs: ['heroku'], subcommand: [['auth:token']], access: 'read', path: '~/.netrc', what: 'the Heroku token' },
  { programs: ['op'], subcommand: [['read', 'item', 'document', 'inject']], access: 'read', path: '~/.config/op', what: '1Password secrets' },
  { programs: ['bw'], subcommand: [['get', 'export', 'list']], access: 'read', path: '~/.config/Bitwarden CLI', what: 'Bitwarden secrets' },
  { programs: ['getent'], subcommand: [['shadow', 'gshadow']], access: 'read', path: '/etc/shadow', what: 'password hashes' },
  // curl -n logs in with the passwords in ~/.netrc.
  { programs: ['curl'], anyFlag: ['-n', '--netrc', '--netrc-optional'], access: 'read', path: '~/.netrc', what: 'stored passwords' },
  { programs: ['security'], subcommand: [['find-generic-password', 'find-internet-password', 'dump-keychain', 'export']], access: 'read', path: '~/Library/Keychains', what: 'the keychain' },
];

function flagsAndOperands(args: Word[]): { flags: Set<string>; operands: string[] } {
  const flags = new Set<string>();
  const operands: string[] = [];
  for (const a of args) {
    const t = a.text;
    if (t.startsWith('--') && t.length > 2) flags.add(t.split('=')[0]!);
    else if (t.startsWith('-') && t.length > 1) {
      flags.add(t.slice(0, 2));
      flags.add(t);
      // A short cluster (-sSn) is several flags; a longer or non-letter word carries a value (-H'Accept: x').
      if (/^-[A-Za-z]{2,5}$/.test(t)) for (const ch of t.slice(1)) flags.add(`-${ch}`);
    } else operands.push(t);
  }
  return { flags, operands };
}

const UNKNOWN = '\u0000';

/** An unknown argument that may be any option or operand: it starts unknown or with "-", or may split. */
function mayBeAnyWord(a: Word): boolean {
  return !a.literal && (a.text.startsWith(UNKNOWN) || a.text.startsWith('-') || hasUnquotedExpansion(a.raw));
}

/** yes: the command changes or prints the state; maybe: only if an unknown argument is the word that makes it. */
function implied(spec: ImpliedAccess, args: Word[]): 'yes' | 'maybe' | 'no' {
  const { flags, operands } = flagsAndOperands(args);
  const operandWords = args.filter((a) => !a.text.startsWith('-') || !a.literal);
  let maybe = false;
  for (const [i, words] of (spec.subcommand ?? []).entries()) {
    const w = operandWords[i];
    if (w && !w.literal && (mayBeAnyWord(w) || words.some((x) => x.startsWith(w.text.split(UNKNOWN)[0]!)))) maybe = true;
    else if (!words.includes(w?.text ?? '')) return 'no';
  }
  if (spec.unlessFlag?.some((f) => flags.has(f) || operands[0] === f)) return 'no';
  const dynamic = args.some(mayBeAnyWord);
  const sub = spec.subcommand?.length ?? 0;
  const qualifies = (!spec.anyFlag && spec.orOperands === undefined) || spec.anyFlag?.some((f) => flags.has(f)) === true || (spec.orOperands !== undefined && operands.length - sub >= spec.orOperands);
  if (!qualifies && !dynamic) return 'no';
  // SECURITY: an unknown argument may be the subcommand or the flag that makes it a change.
  return maybe || !qualifies ? 'maybe' : 'yes';
}

/** `sysctl -w key=value`, `sysctl key=value`, `sysctl -p [FILE]`, `sysctl --system`: writes under /proc/sys. */
function sysctlWords(args: Word[]): PathWord[] {
  const { flags, operands } = flagsAndOperands(args);
  const writes = flags.has('-w') || flags.has('--write') || operands.some((o) => o.includes('='));
  const loads = flags.has('-p') || flags.has('--load') || flags.has('--system');
  const out: PathWord[] = [];
  const arg = `sysctl ${args.map((a) => a.text).join(' ')}`.slice(0, 80);
  if (writes) {
    for (const a of args.filter((x) => !x.text.startsWith('-') && x.text.includes('='))) {
      const key = a.text.slice(0, a.text.indexOf('=')).replace(/\./g, '/');
      out.push({ arg, text: `/proc/sys/${key}`, literal: a.literal, access: 'write', unknowns: a.unknowns ?? [] });
    }
  }
  if (loads || (writes && out.length === 0) || (args.some((a) => !a.literal) && out.length === 0)) {
    out.push({ arg, text: '/proc/sys', literal: true, access: 'write', unknowns: [] });
  }
  return out;
}

/** `mknod NAME b|c MAJOR MINOR` makes a second name for a device: judged as the device it names. */
function mknodWords(args: Word[]): PathWord[] {
  // -m MODE and -Z CONTEXT take a value.
  const operands = args.filter((a, i) => !a.text.startsWith('-') && !/^(-m|--mode|-Z|--context)$/.test(args[i - 1]?.text ?? ''));
  const type = operands[1];
  if (!type || !/^[bcu]$/.test(type.text) || !type.literal) return type && !type.literal ? [{ arg: type.raw, text: '/dev', literal: true, access: 'write', unknowns: [] }] : [];
  const [major, minor] = [operands[2], operands[3]];
  const known = major?.literal === true && minor?.literal === true;
  const dir = type.text === 'b' ? 'block' : 'char';
  const arg = `mknod ${operands.map((o) => o.text).join(' ')}`;
  return [{ arg, text: known ? `/dev/${dir}/${major.text}:${minor.text}` : `/dev/${dir}`, literal: true, access: 'write', unknowns: [] }];
}

/** The state files a command changes or the credential stores it prints, as path words. */
export function impliedPathWords(cmd: SimpleCommand): PathWord[] {
  const p = cmd.program;
  if (p === undefined) return [];
  if (p === 'sysctl') return sysctlWords(cmd.args);
  if (p === 'mknod') return mknodWords(cmd.args);
  // git's subcommand comes after its global options (git -C dir credential fill).
  const args = p === 'git' ? gitSubcommandArgs(cmd.args) : cmd.args;
  const unknowns = cmd.args.flatMap((a) => a.unknowns ?? []);
  const out: PathWord[] = [];
  for (const spec of impliedAccesses) {
    if (!spec.programs.includes(p)) continue;
    const how = implied(spec, args);
    const arg = `${p} (${spec.what}: ${spec.path})`;
    if (how === 'yes') out.push({ arg, text: spec.path, literal: true, access: spec.access, unknowns: [] });
    // Not known to touch it: judged as an unknown path (approval), not as the path itself. Except a
    // credential file in the home (`curl "$url"` might be `curl -n`): the sandbox never shows homes, so
    // such a read fails there anyway, and asking for every `curl "$url"` would teach people to approve.
    const homeSecret = spec.access === 'read' && spec.path.startsWith('~/');
    if (how === 'maybe' && !homeSecret) out.push({ arg, text: UNKNOWN, literal: false, access: spec.access, unknowns });
  }
  return out;
}

const gitValueOptions = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--exec-path', '--config-env']);
function gitSubcommandArgs(args: Word[]): Word[] {
  let i = 0;
  while (i < args.length && args[i]!.text.startsWith('-')) i += gitValueOptions.has(args[i]!.text) ? 2 : 1;
  return args.slice(i);
}
