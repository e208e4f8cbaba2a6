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
  /**
   * The first operand names a subcommand whose own spec reads the rest (npm exec, uv run, tmux
   * new-session). Without `onlySubcommands` an unlisted operand starts the command as usual.
   */
  subcommands?: Record<string, WrapperSpec>;
  /** Only the listed subcommands run anything: `npm install x` installs x, it does not run it. */
  onlySubcommands?: boolean;
  /**
   * Subcommands that run nothing, where any other operand is a command to run (`pnpm add x`, but
   * `pnpm rimraf build` runs rimraf, as pnpm falls back to exec for names it does not know).
   */
  dataSubcommands?: string[];
  /** Flags that make the command words shell code joined by spaces (pnpm exec -c, entr -s, screen -X). */
  shellFlags?: string[];
  /** Each operand is a separate shell command (concurrently 'a' 'b'). */
  eachAsCode?: boolean;
  /** The command is only what follows one of these words (nix develop -c, capsh --); operands before it are data. */
  commandAfter?: string[];
  /** Program the command words are handed to (capsh runs bash with the words after --). */
  argvPrefix?: string;
  /**
   * Words that make the program run code the policy cannot see (npm --script-shell=PROG, npm config
   * set script-shell PROG: every later npm script runs through PROG). Checked on every word.
   */
  opaque?: RegExp;
}

export { WRAPPERS } from './wrapper-table.js';

/** What a wrapper runs: an argv, and/or shell code strings. */
export interface Unwrapped {
  /** The command the wrapper runs, as argv. */
  argv: Word[];
  /** Shell code the wrapper runs (option values, or joined words). */
  code: Word[];
  /** A word that makes it run code nobody can see (see WrapperSpec.opaque). */
  opaque?: Word;
}

const literalWord = (text: string): Word => ({ raw: text, text, literal: true, glob: false });

function joinWords(rest: Word[]): Word {
  return { raw: rest.map((w) => w.raw).join(' '), text: rest.map((w) => w.text).join(' '), literal: rest.every((w) => w.literal), glob: false };
}

/** Split a wrapper's arguments into the command it runs and any code strings. */
export function unwrap(program: string, args: Word[], spec: WrapperSpec): Unwrapped {
  const opaque = spec.opaque ? args.find((w) => spec.opaque?.test(w.text)) : undefined;
  const found = unwrapArgs(program, args, spec);
  return opaque && !found.opaque ? { ...found, opaque } : found;
}

function unwrapArgs(program: string, args: Word[], spec: WrapperSpec): Unwrapped {
  const code: Word[] = [];
  let operands = spec.operands ?? 0;
  let joinAsCode = spec.joinAsCode === true;
  // Specs whose operands are not the command keep reading options after them (su root -c CMD).
  const scanAll = spec.noArgvCommand === true || spec.commandAfter !== undefined;
  let commandStart: number | undefined;
  let i = 0;
  const takesValue = (opt: string): boolean => spec.value?.includes(opt) === true || spec.code?.includes(opt) === true;
  const flag = (opt: string): void => {
    if (spec.shellFlags?.includes(opt)) joinAsCode = true;
  };
  for (; i < args.length; i++) {
    const a = args[i] as Word;
    const t = a.text;
    if (spec.commandAfter?.includes(t)) {
      commandStart = i + 1;
      break;
    }
    if (t === '--') {
      i++;
      break;
    }
    if (spec.assignments && /^[A-Za-z_][A-Za-z0-9_]*=/.test(t)) continue;
    // Whole-word options first: screen -Logfile F, screen -ls.
    if (spec.noCommand?.includes(t)) return { argv: [], code };
    if (t.startsWith('-') && spec.value?.includes(t)) {
      i++;
      continue;
    }
    if (t.startsWith('--') && t.length > 2) {
      const eq = t.indexOf('=');
      const opt = eq < 0 ? t : t.slice(0, eq);
      if (spec.noCommand?.includes(opt)) return { argv: [], code };
      if (spec.commandAfter?.includes(opt)) {
        commandStart = i + 1;
        break;
      }
      flag(opt);
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
        if (spec.commandAfter?.includes(opt)) {
          commandStart = i + 1;
          break;
        }
        flag(opt);
        if (takesValue(opt)) {
          const value = k + 1 < t.length ? { ...a, text: t.slice(k + 1) } : args[++i];
          if (value && spec.code?.includes(opt)) code.push(value);
          break;
        }
      }
      if (commandStart !== undefined) break;
      continue;
    }
    if (t === '-' && (program === 'env' || program === 'su')) continue;
    if (operands > 0) {
      operands--;
      continue;
    }
    if (spec.subcommands) {
      const sub = spec.subcommands[t];
      if (sub && Object.hasOwn(spec.subcommands, t)) {
        const inner = unwrapArgs(program, args.slice(i + 1), sub);
        return { ...inner, code: [...code, ...inner.code] };
      }
      if (spec.onlySubcommands || spec.dataSubcommands?.includes(t)) return { argv: [], code };
    }
    if (scanAll) continue;
    break;
  }
  if (spec.commandAfter) {
    if (commandStart === undefined) return { argv: [], code };
    i = commandStart;
  }
  let rest = args.slice(i);
  if (spec.stopAt) {
    const stop = rest.findIndex((w) => spec.stopAt?.includes(w.text));
    // No command before `:::`: each input after it is a command of its own (parallel ::: 'a' 'b').
    if (stop === 0 && rest[0]?.text === ':::') {
      const end = rest.findIndex((w, k) => k > 0 && spec.stopAt?.includes(w.text));
      return { argv: [], code: [...code, ...rest.slice(1, end < 0 ? undefined : end)] };
    }
    if (stop >= 0) rest = rest.slice(0, stop);
  }
  if (spec.noArgvCommand) return { argv: [], code };
  if (spec.eachAsCode) return { argv: [], code: [...code, ...rest] };
  if (joinAsCode && rest.length) return { argv: [], code: [...code, joinWords(rest)] };
  if (rest.length === 0 && spec.defaultCommand) return { argv: [literalWord(spec.defaultCommand)], code };
  if (spec.argvPrefix && rest.length) return { argv: [literalWord(spec.argvPrefix), ...rest], code };
  return { argv: rest, code };
}
