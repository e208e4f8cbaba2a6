// Commands that run another command: for each, an option parser that knows which options take a
// value, so the wrapped command is found the way the wrapper itself would find it.

import type { Word } from './types.js';

/** How one wrapper finds the command it runs. */
export interface WrapperSpec {
  /** Options that take a value (short "-u" or long "--user"); every other option is a flag. */
  value?: string[];
  /** Positional operands before the command (timeout's DURATION, chroot's DIR, ssh's HOST). */
  operands?: number;
  /** VAR=value words may come before the command (env, sudo). */
  assignments?: boolean;
  /** Options after which nothing is run (command -v, taskset -p, ssh -N). */
  noCommand?: string[];
  /** Options whose value is shell code (su -c, flock -c, script -c). */
  code?: string[];
  /** The words after the options are joined with spaces and run by a shell (ssh, watch, parallel). */
  joinAsCode?: boolean;
  /** The operands are not a command at all (su USER, script FILE): only code options run anything. */
  noArgvCommand?: boolean;
  /** The command's arguments are completed at run time (xargs, parallel). */
  appendsUnknownArgs?: boolean;
  /** Command run when none is given (xargs runs echo). */
  defaultCommand?: string;
  /** Stop the command words at one of these (parallel's ::: ). */
  stopAt?: string[];
}

/** Every wrapper we look through, by program name. */
export const WRAPPERS: Record<string, WrapperSpec> = {
  sudo: { value: ['-u', '--user', '-g', '--group', '-p', '--prompt', '-C', '--close-from', '-D', '--chdir', '-r', '--role', '-t', '--type', '-U', '--other-user', '-T', '--command-timeout', '-R', '--chroot', '-h', '--host'], assignments: true, noCommand: ['-l', '--list', '-e', '--edit', '-v', '--validate', '-V', '--version'] },
  doas: { value: ['-u', '-C'] },
  pkexec: { value: ['--user'] },
  env: { value: ['-u', '--unset', '-C', '--chdir', '-P', '-a', '--argv0'], code: ['-S', '--split-string'], assignments: true },
  command: { noCommand: ['-v', '-V'] },
  builtin: {},
  exec: { value: ['-a'] },
  nohup: {},
  setsid: {},
  time: { value: ['-o', '--output', '-f', '--format'] },
  nice: { value: ['-n', '--adjustment'] },
  ionice: { value: ['-c', '--class', '-n', '--classdata'], noCommand: ['-p', '--pid', '-P', '--pgid', '-u', '--uid'] },
  chrt: { value: ['-T', '--sched-runtime', '-P', '--sched-period', '-D', '--sched-deadline'], operands: 1, noCommand: ['-p', '--pid', '-m', '--max'] },
  taskset: { operands: 1, noCommand: ['-p', '--pid'] },
  timeout: { value: ['-s', '--signal', '-k', '--kill-after'], operands: 1 },
  stdbuf: { value: ['-i', '--input', '-o', '--output', '-e', '--error'] },
  flock: { value: ['-w', '--timeout', '--wait', '-E', '--conflict-exit-code'], code: ['-c', '--command'], operands: 1 },
  xargs: { value: ['-a', '--arg-file', '-d', '--delimiter', '-E', '-I', '-L', '--max-lines', '-n', '--max-args', '-P', '--max-procs', '-s', '--max-chars', '--process-slot-var'], appendsUnknownArgs: true, defaultCommand: 'echo' },
  busybox: { noCommand: ['--list', '--list-full', '--help'] },
  toybox: { noCommand: ['--long', '--help', '--version'] },
  chroot: { value: ['--userspec', '--groups'], operands: 1 },
  unshare: { value: ['-S', '--setuid', '-G', '--setgid', '-R', '--root', '-w', '--wd', '--propagation', '--setgroups', '--map-user', '--map-group', '--map-users', '--map-groups'] },
  nsenter: { value: ['-t', '--target', '-S', '--setuid', '-G', '--setgid'] },
  'systemd-run': { value: ['-u', '--unit', '-p', '--property', '-E', '--setenv', '--uid', '--gid', '--working-directory', '--description', '--slice', '-M', '--machine', '-H', '--host', '--on-active', '--on-boot', '--on-startup', '--on-unit-active', '--on-unit-inactive', '--on-calendar', '--timer-property', '-s', '--service-type', '--nice', '--path-property', '--socket-property'] },
  'systemd-inhibit': { value: ['--what', '--who', '--why', '--mode'] },
  strace: { value: ['-o', '-e', '-p', '-s', '-u', '-E', '-a', '-b', '-I', '-O', '-S', '-P', '-X'] },
  ltrace: { value: ['-o', '-e', '-p', '-s', '-u', '-a', '-n', '-w', '-x', '-A', '-D', '-F', '-l'] },
  fakeroot: { value: ['-l', '--lib', '--faked', '-s', '-i', '-b'] },
  unbuffer: {},
  torsocks: { value: ['-u', '-p', '-a', '-P'] },
  proxychains: { value: ['-f'] },
  proxychains4: { value: ['-f'] },
  firejail: {},
  coproc: {},
  su: { value: ['-s', '--shell', '-g', '--group', '-G', '--supp-group', '-w', '--whitelist-environment'], code: ['-c', '--command', '--session-command'], noArgvCommand: true },
  runuser: { value: ['-u', '--user', '-s', '--shell', '-g', '--group', '-G', '--supp-group', '-w', '--whitelist-environment'], code: ['-c', '--command', '--session-command'] },
  script: { value: ['-E', '--echo', '-o', '--output-limit', '-T', '--log-timing', '-I', '--log-in', '-O', '--log-out', '-B', '--log-io', '-m', '--logging-format'], code: ['-c', '--command'], noArgvCommand: true },
  watch: { value: ['-n', '--interval', '-d', '--differences', '-g', '--chgexit', '-q', '--equexit'], joinAsCode: true },
  ssh: { value: ['-b', '-B', '-c', '-D', '-E', '-e', '-F', '-I', '-i', '-J', '-L', '-l', '-m', '-O', '-o', '-P', '-p', '-Q', '-R', '-S', '-W', '-w'], operands: 1, joinAsCode: true, noCommand: ['-N'] },
  parallel: { value: ['-j', '--jobs', '-S', '--sshlogin', '-a', '--arg-file', '--joblog', '-I', '--colsep', '-d', '--delimiter', '-E', '-n', '--max-args', '-N', '-L', '--results', '--tmpdir', '--workdir', '--timeout', '--delay', '--sshloginfile', '--basefile', '--env'], joinAsCode: true, appendsUnknownArgs: true, stopAt: [':::', '::::', ':::+', '::::+'] },
};

/** What a wrapper runs: an argv, and/or shell code strings. */
export interface Unwrapped {
  /** The command the wrapper runs, as argv. */
  argv: Word[];
  /** Shell code the wrapper runs (option values, or joined words). */
  code: Word[];
}

/** Split a wrapper's arguments into the command it runs and any code strings. */
export function unwrap(program: string, args: Word[], spec: WrapperSpec): Unwrapped {
  const code: Word[] = [];
  let operands = spec.operands ?? 0;
  let i = 0;
  const takesValue = (opt: string): boolean => spec.value?.includes(opt) === true || spec.code?.includes(opt) === true;
  for (; i < args.length; i++) {
    const a = args[i] as Word;
    const t = a.text;
    if (t === '--') {
      i++;
      break;
    }
    if (spec.assignments && /^[A-Za-z_][A-Za-z0-9_]*=/.test(t)) continue;
    if (t.startsWith('--') && t.length > 2) {
      const eq = t.indexOf('=');
      const opt = eq < 0 ? t : t.slice(0, eq);
      if (spec.noCommand?.includes(opt)) return { argv: [], code };
      let value: Word | undefined;
      if (eq >= 0) value = { ...a, text: t.slice(eq + 1) };
      else if (takesValue(opt)) value = args[++i];
      if (value && spec.code?.includes(opt)) code.push(value);
      continue;
    }
    if (program === 'nice' && /^-\d+$/.test(t)) continue; // nice -5: an old-style adjustment
    if (t.startsWith('-') && t.length > 1 && a.literal) {
      // A cluster of short options; the first one that takes a value eats the rest or the next word.
      for (let k = 1; k < t.length; k++) {
        const opt = '-' + t[k];
        if (spec.noCommand?.includes(opt)) return { argv: [], code };
        if (takesValue(opt)) {
          const value = k + 1 < t.length ? { ...a, text: t.slice(k + 1) } : args[++i];
          if (value && spec.code?.includes(opt)) code.push(value);
          break;
        }
      }
      continue;
    }
    if (t === '-' && (program === 'env' || program === 'su')) continue;
    if (operands > 0) {
      operands--;
      continue;
    }
    break;
  }
  let rest = args.slice(i);
  if (spec.stopAt) {
    const stop = rest.findIndex((w) => spec.stopAt?.includes(w.text));
    if (stop >= 0) rest = rest.slice(0, stop);
  }
  if (spec.noArgvCommand) return { argv: [], code };
  if (spec.joinAsCode && rest.length) {
    const joined: Word = {
      raw: rest.map((w) => w.raw).join(' '),
      text: rest.map((w) => w.text).join(' '),
      literal: rest.every((w) => w.literal),
      glob: false,
    };
    return { argv: [], code: [...code, joined] };
  }
  if (rest.length === 0 && spec.defaultCommand) {
    return { argv: [{ raw: spec.defaultCommand, text: spec.defaultCommand, literal: true, glob: false }], code };
  }
  return { argv: rest, code };
}
