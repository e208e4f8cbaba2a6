// bash-parser redirections -> Redirect (+ the lifted here-document), with the operators the pre-pass
// had to disguise (<<, <<-, <<<, &>, &>>) put back.

import type { BpRedirect } from 'bash-parser';
import { placeholderIndex } from './segments.js';
import { evalSegment, singleWord, type WordEnv } from './words.js';
import type { HereDoc, Redirect, RedirectKind } from './types.js';

const KIND: Record<string, RedirectKind> = {
  '<': 'read',
  '>': 'write',
  '>|': 'write',
  '&>': 'write',
  '>>': 'append',
  '&>>': 'append',
  '<>': 'readwrite',
  '<<<': 'herestring',
};

/** A redirection, and the here-doc it carries when it is one. */
export interface EvaluatedRedirect {
  redirect: Redirect;
  hereDoc?: HereDoc;
}

/** Evaluate one redirection; substitutions in its target or here-doc body are walked. */
export function evalRedirect(env: WordEnv, r: BpRedirect): EvaluatedRedirect {
  const text = r.file.text;
  const first = text.codePointAt(0) ?? 0;
  const seg = env.segs[placeholderIndex(first)];
  const fd = r.numberIo ? Number(r.numberIo.text) : undefined;
  const withFd = (red: Redirect): Redirect => (fd === undefined ? red : { ...red, fd });
  if (seg?.kind === 'heredoc') {
    const body = seg.parts ? evalSegment(env, { kind: 'dq', raw: seg.body, parts: seg.parts }, true) : undefined;
    const hereDoc: HereDoc = { delimiter: seg.delimiter, quoted: seg.quoted, body: seg.body };
    // What a shell reading this here-doc would read: the body after expansion, when it is constant.
    env.st.docText.set(hereDoc, body ? (body.literal ? body.text : undefined) : seg.body);
    return {
      redirect: withFd({ op: seg.op, kind: 'heredoc', target: { raw: seg.raw, text: seg.delimiter, literal: true, glob: false } }),
      hereDoc,
    };
  }
  let op = r.op.text;
  let targetText = text;
  if (seg?.kind === 'opmark') {
    op = seg.op;
    targetText = text.slice(first > 0xffff ? 2 : 1);
  }
  const target = singleWord(env, targetText);
  let kind = KIND[op];
  if (op === '>&' || op === '<&') {
    // >&file is &>file; >&2, >&-, <&0 duplicate or close descriptors.
    kind = op === '>&' && target.literal && !/^(\d+-?|-)$/.test(target.text) ? 'write' : 'dup';
  }
  return { redirect: withFd({ op, kind: kind ?? 'write', target }) };
}
