// Constant output of echo/printf with literal arguments: what `$(echo rm)` or `echo 'rm -rf /' | sh`
// hands on. Anything beyond plain text and %s is left unknown.

import { decodeAnsiC } from './ansi-c.js';
import type { HereDoc, SimpleCommand } from './types.js';

function printf(format: string, args: string[]): string | undefined {
  if (/%(?!s|%)/.test(format)) return undefined;
  const fmt = decodeAnsiC(format);
  const slots = (fmt.match(/%s/g) ?? []).length;
  const fill = (rest: string[]): string => {
    let k = 0;
    return fmt.replace(/%s|%%/g, (m) => (m === '%%' ? '%' : (rest[k++] ?? '')));
  };
  if (slots === 0) return args.length ? undefined : fill([]);
  let out = '';
  let i = 0;
  do {
    out += fill(args.slice(i, i + slots));
    i += slots;
  } while (i < args.length);
  return out;
}

/**
 * The exact stdout of an echo/printf command with literal words, of a bare `cat` reading a constant
 * here-doc (`docText`), or of the pwd builtin when the shell's cwd is known (`cwd`), else undefined.
 */
export function constantOutput(cmd: SimpleCommand, docText?: (doc: HereDoc) => string | undefined, cwd?: string): string | undefined {
  if (cmd.name === undefined || !cmd.name.literal) return undefined;
  if (cmd.name.text === 'pwd' && cwd !== undefined && cmd.redirects.length === 0) {
    // The builtin prints the logical cwd ($PWD); -P resolves symlinks, which is not folded.
    return cmd.args.every((a) => a.literal && a.text === '-L') ? `${cwd}\n` : undefined;
  }
  if (cmd.program === 'cat' && cmd.args.length === 0 && docText) {
    const r = cmd.redirects;
    const doc = cmd.hereDocs[cmd.hereDocs.length - 1];
    // Only a here-doc on stdin and nothing else: the output is exactly the body.
    if (r.length === 1 && r[0]?.kind === 'heredoc' && r[0].fd === undefined && doc) return docText(doc);
    return undefined;
  }
  if (cmd.redirects.length > 0) return undefined;
  if (!cmd.args.every((a) => a.literal)) return undefined;
  const args = cmd.args.map((a) => a.text);
  if (cmd.program === 'echo') {
    let newline = true;
    let i = 0;
    for (; i < args.length && /^-[neE]+$/.test(args[i] as string); i++) {
      if ((args[i] as string).includes('e') && args.slice(i + 1).some((a) => a.includes('\\'))) return undefined;
      if ((args[i] as string).includes('n')) newline = false;
    }
    return args.slice(i).join(' ') + (newline ? '\n' : '');
  }
  if (cmd.program === 'printf') {
    if (args.length === 0 || args[0] === '-v' || args[0] === '--') return undefined;
    return printf(args[0] as string, args.slice(1));
  }
  return undefined;
}

/**
 * What `$(mktemp ...)` prints, as a path the policy can judge: the directory and the template, with the
 * X's left in place (the random letters bash would get cannot contain `/` or `..`, so the name stays in
 * that directory). Only GNU mktemp's plain options; anything else is undefined (unknown). The sandbox
 * passes no TMPDIR, so the default directory is /tmp. `cwd`: the shell's cwd, for a relative template.
 */
export function mktempPath(cmd: SimpleCommand, cwd: string | undefined): string | undefined {
  if (cmd.program !== 'mktemp' || !cmd.name?.literal || cmd.redirects.length > 0) return undefined;
  if (!cmd.args.every((a) => a.literal)) return undefined;
  let dir: string | undefined;
  let template: string | undefined;
  const args = cmd.args.map((a) => a.text);
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (/^-[duq]+$/.test(a) || ['--directory', '--dry-run', '--quiet'].includes(a)) continue;
    if (a === '-t' || a === '--tmpdir') dir ??= '/tmp';
    else if (a === '-p') dir = args[++i];
    else if (a.startsWith('--tmpdir=')) dir = a.slice('--tmpdir='.length);
    else if (a.startsWith('-p') && a.length > 2) dir = a.slice(2);
    else if (!a.startsWith('-') && template === undefined) template = a;
    else return undefined;
  }
  if (dir === '' || (dir !== undefined && !dir.startsWith('/'))) return undefined;
  if (template === undefined) return `${dir ?? '/tmp'}/tmp.XXXXXXXXXX`;
  // mktemp refuses a template with a slash under -p/-t; without them a template is relative to the cwd.
  if (dir !== undefined) return template.includes('/') ? undefined : `${dir}/${template}`;
  if (template.startsWith('/')) return template;
  return cwd === undefined ? undefined : `${cwd}/${template}`;
}
