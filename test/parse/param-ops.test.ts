// ${name OP word} evaluated by argent against bash itself: every operator on every value, one bash run.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseParamOp } from '../../src/parse/param-ops.js';

const values = ['report.txt', 'src/app.test.ts', 'a.b.c', '.hidden', '', 'dir/', '/etc/passwd', 'MixedCase', 'x', 'tar.gz.gz', 'a-b_c+d'];
const ops = ['%.txt', '%%.*', '%.*', '#*/', '##*/', '#src/', '%/*', '%%/*', '#?', '%?', '##*.', '#.', '%.gz', '%%.gz', '%x', '##*',
  '^^', ',,', '^', ',', ':-fallback', '-fallback', ':+set', '+set'];

describe('parseParamOp', () => {
  it('computes what bash computes, for every operator on every value', () => {
    const lines: string[] = [];
    const ours: string[] = [];
    for (const v of values) {
      for (const op of ops) {
        const raw = `\${v${op}}`;
        const fn = parseParamOp(raw, 'v');
        expect(fn, raw).toBeDefined();
        ours.push(`${fn?.(v, false)}`);
        lines.push(`v='${v}'; printf '%s\\n' "${raw}"`);
      }
      ours.push(String([...v].length));
      lines.push(`v='${v}'; printf '%s\\n' "\${#v}"`);
    }
    const bash = spawnSync('bash', ['--noprofile', '--norc', '-c', lines.join('\n')], { encoding: 'utf8', env: { LC_ALL: 'C.UTF-8' } });
    expect(bash.status).toBe(0);
    expect(bash.stdout.split('\n').slice(0, -1)).toEqual(ours);
  });

  it('leaves other forms unknown (undefined), including anything with quotes, expansions or brackets', () => {
    for (const raw of ['${v/a/b}', '${v//a/b}', '${v:=x}', '${v=x}', '${v:?x}', '${v@Q}', '${!v}', '${v%"x"}', '${v%$x}', '${v%[ab]}', '${v:1:2}', '${v%`id`}', '${w%x}']) {
      expect(parseParamOp(raw, 'v'), raw).toBeUndefined();
    }
  });

  it('on a glob value, removes only a literal end the pattern itself has, and changes case only without brackets', () => {
    const op = (raw: string) => parseParamOp(raw, 'f') as NonNullable<ReturnType<typeof parseParamOp>>;
    expect(op('${f%.ts}')('src/*.ts', true)).toBe('src/*');
    expect(op('${f#src/}')('src/*.ts', true)).toBe('*.ts');
    expect(op('${f%.js}')('src/*.ts', true)).toBeUndefined();
    expect(op('${f%.*}')('src/*.ts', true)).toBeUndefined();
    expect(op('${f##*/}')('src/*.ts', true)).toBeUndefined();
    expect(op('${#f}')('*.ts', true)).toBeUndefined();
    expect(op('${f^^}')('*.ts', true)).toBe('*.TS');
    expect(op('${f^^}')('[ab].ts', true)).toBeUndefined();
  });
});
