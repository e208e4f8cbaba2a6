import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/policy/evaluate.js';
import { loadProfile } from '../../src/profile/load.js';

const base = mkdtempSync(join(tmpdir(), 'argent-prop-'));
const project = join(base, 'project');
mkdirSync(project);
afterAll(() => rmSync(base, { recursive: true, force: true }));
const profile = loadProfile('sandboxed');
const decide = (command: string) => evaluate(command, profile, { cwd: project, home: join(base, 'home') });

// Ways to respell one word so that bash still runs the same word.
const respell = (w: string): fc.Arbitrary<string> =>
  fc.constantFrom(
    w,
    `'${w}'`,
    `"${w}"`,
    w.split('').map((c) => `\\${c}`).join(''),
    `$'${w.split('').map((c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('')}'`,
    `${w.slice(0, 1)}''${w.slice(1)}`,
    `"$(echo ${w})"`,
  );

// Wrappers that run their arguments as a command.
const wrap = fc.constantFrom(
  (c: string) => c,
  (c: string) => `sudo ${c}`,
  (c: string) => `env ${c}`,
  (c: string) => `env -i FOO=1 ${c}`,
  (c: string) => `command ${c}`,
  (c: string) => `nice -n 10 ${c}`,
  (c: string) => `nohup ${c}`,
  (c: string) => `timeout 5 ${c}`,
  (c: string) => `stdbuf -o0 ${c}`,
  (c: string) => `setsid ${c}`,
  (c: string) => `bash -c '${c.replace(/'/g, `'\\''`)}'`,
  (c: string) => `sh -c "${c.replace(/["\\$`]/g, '\\$&')}"`,
  (c: string) => `eval '${c.replace(/'/g, `'\\''`)}'`,
  (c: string) => `true && ${c}`,
  (c: string) => `(${c})`,
  (c: string) => `{ ${c}; }`,
  (c: string) => `if true; then ${c}; fi`,
  (c: string) => `echo start; ${c} | cat`,
);

const blocked: string[][] = [
  ['rm', '-rf', 'build'],
  ['rm', '-r', '-f', 'build'],
  ['sudo', 'ls'],
  ['chmod', '777', 'run.sh'],
  ['mkfs.ext4', 'disk.img'],
  ['cat', '/etc/shadow'],
];

describe('policy properties', () => {
  it('never throws, on any input, and always gives one of the three decisions', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^[a-z $'"`\\(){};|&<>*?[\]~\n#=-]{0,60}$/)), (input) => {
        const e = decide(input);
        expect(['allow', 'approval-required', 'blocked']).toContain(e.decision);
      }),
      { numRuns: 3000 },
    );
  });

  it('never allows a blocked command respelled with quotes, escapes, ANSI-C or substitutions, under any wrapper', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...blocked).chain((words) => fc.tuple(fc.tuple(...words.map(respell)), wrap)),
        ([words, wrapper]) => {
          const command = wrapper(words.join(' '));
          expect([command, decide(command).decision]).not.toEqual([command, 'allow']);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
