// Walk bash-parser's AST of a pre-passed script and report every simple command, with redirections,
// here-docs and nesting, in execution order. Code run by commands (sh -c, eval, wrappers) is handed to
// analyze.ts, which comes back through the Runner to walk it.

import parse, { type BpCommand, type BpNode, type BpRedirect, type BpWord } from 'bash-parser';
import { analyzeCommand } from './analyze.js';
import { fastParse } from './fast-path.js';
import { constantOutput } from './fold.js';
import { dropCandidates, hasCandidates, variantCount } from './candidates.js';
import { bindLoop, unbindLoop } from './loop-vars.js';
import { evalRedirect } from './redirects.js';
import { placeholderIndex, rawOf, type LexedScript } from './segments.js';
import { addUnknown, clip, LIMITS, type Frame, type ParseState, type StdinSource } from './state.js';
import type { HereDoc, Redirect, SimpleCommand, Word } from './types.js';
import { declaredArrays, recordPositional } from './lists.js';
import { arrayElements, evalSegment, expandWord, lexCode, singleWord, type WordEnv } from './words.js';
import { integerAssignmentCode, isInteger, recordIntegers } from './integer-vars.js';

const DECLARE = new Set(['export', 'declare', 'typeset', 'readonly', 'local']);

/** How analyze.ts asks for more code to be walked. */
export interface Runner {
  st: ParseState;
  /** Parse and walk a string bash would run as code (sh -c STR, eval, ssh host STR...) for `outer`. */
  code(text: string, via: string, frame: Frame, outer: SimpleCommand): void;
  /** Report argv as a command run by the wrapper `outer`, and analyze it in turn. */
  argv(words: Word[], via: string, frame: Frame, outer: SimpleCommand, appendsUnknownArgs?: boolean): void;
}

/** basename of a literal command name: /usr/bin/../bin/sudo -> sudo. */
export function programOf(name: Word | undefined): string | undefined {
  if (!name?.literal) return undefined;
  const parts = name.text.split('/').filter((p) => p !== '');
  return parts[parts.length - 1] ?? (name.text.startsWith('/') ? '/' : undefined);
}

/** Report one command: caps, dynamic names, fork-bomb bookkeeping, then analysis of what it runs. */
export function emit(run: Runner, cmd: SimpleCommand, frame: Frame, slot?: number): void {
  const st = run.st;
  if (st.capped) return;
  if (st.commands.length >= LIMITS.maxCommands) {
    addUnknown(st, 'too-complex', `more than ${LIMITS.maxCommands} commands`, clip(cmd.source));
    return;
  }
  // Source order: a command goes before the substitutions in its own words (reported while its
  // words were evaluated).
  if (slot !== undefined && slot < st.commands.length) st.commands.splice(slot, 0, cmd);
  else st.commands.push(cmd);
  if (hasCandidates(cmd)) {
    // Loop words are judged once per combination: past the script's budget they stay unknown.
    const n = variantCount(cmd);
    if (n > st.variantBudget) dropCandidates(cmd);
    else st.variantBudget -= n;
  }
  if (cmd.name && !cmd.name.literal) {
    addUnknown(st, 'dynamic-command', `command name ${clip(cmd.name.raw, 40)} is not known until it runs`, clip(cmd.source));
  }
  for (const fn of st.fnStack) {
    if (cmd.program === fn.name && (frame.pipeline || frame.background)) fn.spawns = true;
  }
  analyzeCommand(run, cmd, frame);
}

/** The stdin a pipeline element gets from the command before it. */
function pipeStdin(st: ParseState, prev: SimpleCommand | undefined): StdinSource {
  const out = prev ? constantOutput(prev, (d) => st.docText.get(d)) : undefined;
  return out !== undefined ? { kind: 'code', text: out } : { kind: 'unknown', what: prev ? clip(prev.source, 40) : 'a compound command' };
}

/** Walk one pre-passed script; returns the commands it (and everything nested in it) produced. */
export function walkLexed(run: Runner, lexed: LexedScript, frame: Frame): SimpleCommand[] {
  const st = run.st;
  const before = st.commands.length;
  if (st.capped) return [];
  if (frame.depth > LIMITS.maxDepth) {
    addUnknown(st, 'too-complex', `nested more than ${LIMITS.maxDepth} levels deep`, clip(lexed.source));
    return [];
  }
  if (lexed.text.trim() === '') return [];
  const asts: BpNode[] = [];
  let from = 0;
  for (const to of [...lexed.breaks, lexed.text.length]) {
    const piece = lexed.text.slice(from, to);
    from = to;
    if (piece.trim() === '') continue;
    try {
      asts.push(fastParse(piece) ?? parse(piece));
    } catch (e) {
      // SECURITY: one unparseable piece makes the whole script unparseable; nothing is dropped silently.
      addUnknown(st, 'unparseable', `bash-parser: ${clip(e instanceof Error ? e.message : String(e), 120)}`, clip(lexed.source));
      return [];
    }
  }
  const env: WordEnv = {
    st,
    segs: lexed.segments,
    via: frame.via,
    runNested: (script, via, stdin) =>
      walkLexed(run, script, { ...frame, depth: frame.depth + 1, via: [...frame.via, via], isolated: true, pipeline: false, background: false, stdin, redirects: [], hereDocs: [] }),
  };
  const raw = (w: BpWord): string => rawOf(w.text, env.segs);

  const redirectsOf = (list: BpRedirect[] | undefined, f: Frame): Frame => {
    if (!list?.length) return f;
    const evald = list.map((r) => evalRedirect(env, r));
    return {
      ...f,
      redirects: [...f.redirects, ...evald.map((e) => e.redirect)],
      hereDocs: [...f.hereDocs, ...evald.flatMap((e) => (e.hereDoc ? [e.hereDoc] : []))],
    };
  };

  // Words are expanded knowing their command's frame (ParseState.varScopes); nested walks set their own.
  const command = (node: BpCommand, f: Frame): SimpleCommand | undefined => {
    const outer = st.frame;
    st.frame = f;
    try {
      return commandIn(node, f);
    } finally {
      st.frame = outer;
    }
  };

  const commandIn = (node: BpCommand, f: Frame): SimpleCommand | undefined => {
    const slot = st.commands.length;
    const assignments: SimpleCommand['assignments'] = [];
    const redirects: Redirect[] = [];
    const hereDocs: HereDoc[] = [];
    const words: Word[] = [];
    const source: string[] = [];
    const addRedirect = (r: BpRedirect): void => {
      const e = evalRedirect(env, r);
      redirects.push(e.redirect);
      if (e.hereDoc) hereDocs.push(e.hereDoc);
      source.push(`${r.numberIo?.text ?? ''}${e.redirect.op}${e.redirect.kind === 'herestring' || e.redirect.kind === 'heredoc' || e.redirect.kind === 'dup' ? '' : ' '}${e.redirect.target.raw}`);
    };
    let nameSeen = false;
    // Arrays with known elements (files=(a b), declare -a files=(a b)), recorded if they set variables.
    const arrays = new Map<string, string[]>();
    const declArrays = new Map<string, string[]>();
    for (const item of node.prefix ?? []) {
      if (item.type === 'Redirect') addRedirect(item);
      else {
        const eq = item.text.indexOf('=');
        let valueText = item.text.slice(eq + 1);
        const firstSeg = env.segs[placeholderIndex(valueText.codePointAt(0) ?? 0)];
        if (firstSeg?.kind === 'opmark') {
          evalSegment(env, firstSeg, false); // a[i]=v: the subscript is arithmetic
          valueText = valueText.slice((valueText.codePointAt(0) ?? 0) > 0xffff ? 2 : 1);
        }
        const value = singleWord(env, valueText);
        // declare -i n earlier: n=v, n+=v and n=(v ..) evaluate the value as arithmetic.
        if (isInteger(st, item.text)) for (const code of integerAssignmentCode(st, value)) env.runNested(lexCode(code), 'arithmetic');
        assignments.push({ name: item.text.slice(0, eq), value });
        const elements = firstSeg?.kind === 'opmark' ? undefined : arrayElements(env, valueText);
        if (elements) arrays.set(item.text.slice(0, eq), elements);
        source.push(raw(item));
      }
    }
    const nameSeg = node.name ? env.segs[placeholderIndex(node.name.text.codePointAt(0) ?? 0)] : undefined;
    if (nameSeg?.kind === 'arithcmd' && [...(node.name?.text ?? '')].length === 1) {
      evalSegment(env, nameSeg, false);
      return undefined;
    }
    if (nameSeg?.kind === 'dbrack' && [...(node.name?.text ?? '')].length === 1) {
      // Inside [[ ]] bash neither splits nor brace-expands words.
      words.push({ raw: nameSeg.raw, text: '[[', literal: true, glob: false }, ...nameSeg.words.map((w) => singleWord(env, w)));
      source.push(nameSeg.raw);
      nameSeen = true;
    } else if (node.name) {
      words.push(...expandWord(env, node.name.text));
      source.push(raw(node.name));
      nameSeen = true;
    }
    for (const item of node.suffix ?? []) {
      if (item.type === 'Redirect') addRedirect(item);
      else {
        words.push(...expandWord(env, item.text));
        const m = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]+)$/.exec(item.text);
        const elements = m?.[1] && m[2] ? arrayElements(env, m[2]) : undefined;
        if (m?.[1] && elements) declArrays.set(m[1], elements);
        source.push(raw(item));
      }
    }
    // bash-parser reads a leading `!` in some positions as a command name: negation runs the rest.
    while (words[0]?.literal && words[0].text === '!' && words.length > 1) words.shift();
    const name = nameSeen ? words[0] : undefined;
    const cmd: SimpleCommand = {
      name,
      program: programOf(name),
      args: words.slice(1),
      assignments,
      redirects: [...f.redirects, ...redirects],
      hereDocs: [...f.hereDocs, ...hereDocs],
      via: f.via,
      source: source.join(' '),
    };
    if (f.background) cmd.background = true;
    if (cmd.program) recordIntegers(st, cmd.program, cmd.args);
    if (f.conditional || f.loop || f.isolated) {
      cmd.flow = { ...(f.conditional ? { conditional: true } : {}), ...(f.loop ? { loop: true } : {}), ...(f.isolated ? { isolated: true } : {}), ...(f.subshell ? { subshell: true } : {}) };
    }
    if (!f.isolated) {
      // Only plain assignments in the main shell set a variable for later commands (folding).
      if (!name) {
        for (const a of assignments) {
          if (!a.value.literal) continue;
          st.vars.set(a.name, a.value.text);
          if (f.conditional || f.loop) st.varScopes.set(a.name, f);
          else st.varScopes.delete(a.name);
        }
      }
      // SECURITY: an array set in a branch or loop that may not run keeps the session's value: unknown.
      if (!f.conditional && !f.loop) for (const [n, elements] of name ? declaredArrays(cmd, declArrays) : arrays) st.arrays.set(n, elements);
      recordPositional(st, cmd, f);
      if (cmd.program && DECLARE.has(cmd.program)) {
        for (const a of cmd.args) {
          const m = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/.exec(a.text);
          if (m?.[1] && a.literal) {
            st.vars.set(m[1], m[2] ?? '');
            if (f.conditional || f.loop) st.varScopes.set(m[1], f);
            else st.varScopes.delete(m[1]);
          }
        }
      }
    }
    emit(run, cmd, f, slot);
    return cmd;
  };

  const walk = (node: BpNode | undefined, f: Frame): SimpleCommand | undefined => {
    if (!node || st.capped) return undefined;
    switch (node.type) {
      case 'Script':
        for (const c of node.commands) walk(c, f);
        return undefined;
      case 'CompoundList': {
        const inner = redirectsOf(node.redirections, f);
        let last: SimpleCommand | undefined;
        for (const c of node.commands) last = walk(c, inner);
        return node.commands.length === 1 ? last : undefined;
      }
      case 'Pipeline': {
        if (node.async) f = { ...f, background: true };
        const many = node.commands.length > 1;
        let prev: SimpleCommand | undefined;
        node.commands.forEach((c, i) => {
          const stdin = i === 0 ? f.stdin : pipeStdin(st, prev);
          prev = walk(c, { ...f, pipeline: many || f.pipeline, isolated: f.isolated || many, subshell: f.subshell || many, stdin });
        });
        return undefined;
      }
      case 'LogicalExpression':
        if (node.async) f = { ...f, background: true };
        walk(node.left, f);
        walk(node.right, { ...f, conditional: true });
        return undefined;
      case 'Subshell':
        walk(node.list, redirectsOf(node.redirections, { ...f, isolated: true, subshell: true }));
        return undefined;
      case 'If': {
        const g = redirectsOf(node.redirections, f);
        walk(node.clause, g);
        walk(node.then, { ...g, conditional: true });
        walk(node.else, { ...g, conditional: true });
        return undefined;
      }
      case 'While':
      case 'Until': {
        const g = redirectsOf(node.redirections, f);
        walk(node.clause, { ...g, loop: true });
        walk(node.do, { ...g, conditional: true, loop: true });
        return undefined;
      }
      case 'For': {
        const g = redirectsOf(node.redirections, f);
        const list = (node.wordlist ?? []).flatMap((w) => expandWord(env, w.text));
        const binding = node.wordlist ? bindLoop(st, node.name.text, list) : undefined;
        if (!binding) {
          walk(node.do, { ...g, conditional: true, loop: true });
          return undefined;
        }
        st.loops.push(binding);
        try {
          walk(node.do, { ...g, conditional: true, loop: true });
        } finally {
          st.loops.pop();
          unbindLoop(st, binding);
        }
        return undefined;
      }
      case 'Case': {
        const g = redirectsOf(node.redirections, f);
        expandWord(env, node.clause.text);
        for (const item of node.cases ?? []) {
          for (const p of item.pattern) expandWord(env, p.text);
          walk(item.body, { ...g, conditional: true });
        }
        return undefined;
      }
      case 'Function': {
        const start = st.commands.length;
        const entry = { name: node.name.text, spawns: false };
        st.fnStack.push(entry);
        // SECURITY: a function runs when called, maybe after the loop it is defined in set its
        // variable to something else (or in a later command of a session): no loop values inside.
        const loops = st.loops;
        st.loops = [];
        walk(node.body, redirectsOf(node.redirections, { ...f, isolated: true }));
        st.loops = loops;
        st.fnStack.pop();
        st.functions.push({ name: entry.name, body: st.commands.slice(start), spawnsItself: entry.spawns });
        return undefined;
      }
      case 'Command':
        return command(node, node.async ? { ...f, background: true } : f);
    }
  };

  for (const ast of asts) walk(ast, frame);
  return st.commands.slice(before);
}

