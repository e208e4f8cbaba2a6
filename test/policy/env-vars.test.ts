import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseScript } from '../../src/parse/index.js';
import { envCodeRules } from '../../src/policy/env-vars.js';
import { evaluate } from '../../src/policy/evaluate.js';
import { loadProfile, toEffective } from '../../src/profile/load.js';

const base = mkdtempSync(join(tmpdir(), 'argent-env-'));
const project = join(base, 'project');
mkdirSync(project);
afterAll(() => rmSync(base, { recursive: true, force: true }));
const sandboxed = loadProfile('sandboxed');
const workdirOnly = toEffective('workdir-only', [], { security: { mode: 'sandboxed' }, toolPolicies: { exec: { allowedPaths: ['${WORKDIR}'] } } });
const decide = (command: string, profile = sandboxed) => evaluate(command, profile, { cwd: project, home: '/root' });

describe('a variable whose value a program runs as code needs approval, however it is set', () => {
  it.each([
    ['LD_PRELOAD=./evil.so npm test', 'LD_PRELOAD'],
    ['export LD_AUDIT=/tmp/a.so; ls', 'LD_AUDIT'],
    ['env NODE_OPTIONS="--require ./x.js" npx vitest run', 'NODE_OPTIONS'],
    ["GIT_PAGER='sh -c id' git log", 'GIT_PAGER'],
    ["declare -x GIT_SSH_COMMAND='sh -c id'; git fetch", 'GIT_SSH_COMMAND'],
    ['GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=core.pager GIT_CONFIG_VALUE_0=id git log', 'GIT_CONFIG_KEY_0'],
    ['LESSOPEN="|id %s" less README.md', 'LESSOPEN'],
    ["env 'BASH_FUNC_ls%%=() { id; }' bash -c ls", 'BASH_FUNC_ls%%'],
    ['NPM_CONFIG_SCRIPT_SHELL=./x.sh npm test', 'NPM_CONFIG_SCRIPT_SHELL'],
    ["TAR_OPTIONS='--to-command=id' tar -xf a.tar", 'TAR_OPTIONS'],
    ['MAKEFLAGS="--eval=x" make', 'MAKEFLAGS'],
    ['read EDITOR < f; git commit', 'EDITOR'],
    ['PAGER=$P man ls', 'PAGER'],
    ["AWS_PAGER='sh -c id' aws s3 ls", 'AWS_PAGER'],
    ['KUBE_EDITOR=./x.sh kubectl edit deploy/x', 'KUBE_EDITOR'],
    ['time LD_PRELOAD=./x.so ls', 'LD_PRELOAD'],
    ['declare -n r=LD_PRELOAD; r=./x.so; ls', 'LD_PRELOAD'],
    ["for PAGER in 'sh -c id'; do git log; done", 'PAGER'],
    ['NODE_OPTIONS="$NODE_OPTIONS --require ./x.js" node a.js', 'NODE_OPTIONS'],
  ])('%s', (command, name) => {
    const e = decide(command);
    expect(e.decision).toBe('approval-required');
    expect(e.rules.find((r) => r.key === 'builtin.env-code')?.detail).toMatch(new RegExp(`^setting ${name.replace(/[$%]/g, '\\$&')} to `));
  });

  it('names the variable, its value and what runs it', () => {
    expect(envCodeRules(parseScript("GIT_PAGER='sh -c id' git log"), false)).toEqual([
      { key: 'builtin.env-code', decision: 'approval-required', detail: 'setting GIT_PAGER to "sh -c id" runs code the policy does not see (git, man and others run it as the pager)' },
    ]);
  });

  it.each([['n=LD_PRELOAD; export "$n=/x.so"; ls'], ['export $(cat .env | xargs)']])('asks when %s sets a variable it cannot name', (command) => {
    const e = decide(command);
    expect(e.decision).toBe('approval-required');
    expect(e.reason).toContain('sets a variable whose name the policy cannot see');
  });

  it('blocks in locked mode, which blocks what it cannot check', () => {
    expect(envCodeRules(parseScript('LD_PRELOAD=/x.so ls'), true)[0]?.decision).toBe('blocked');
  });
});

describe('values known to run nothing, and variables that are not code, are allowed', () => {
  it.each([
    ['GIT_PAGER=cat git log --oneline -10'],
    ["PAGER='less -R' git diff"],
    ['GIT_PAGER= git log'],
    ['GIT_EDITOR=true git rebase --continue'],
    ['NODE_OPTIONS=--max-old-space-size=4096 npm run build'],
    ['BROWSER=none npm start'],
    ['MAKEFLAGS=-j4 make'],
    ["GIT_SSH_COMMAND='ssh -o StrictHostKeyChecking=no' git fetch"],
    ['GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=safe.directory GIT_CONFIG_VALUE_0=x git status'],
    ['npm_config_loglevel=silent npm ci'],
    ['CI=true FORCE_COLOR=0 npx vitest run'],
    ['export PATH="$PWD/node_modules/.bin:$PATH" && tsc --noEmit'],
    ['AWS_PAGER= aws s3 ls'],
    ['export NODE_OPTIONS="$NODE_OPTIONS --max-old-space-size=4096"; npm run build'],
    ['PYTHONPATH=src:$PYTHONPATH python3 -m pytest'],
    ['while read -r f; do echo "$f"; done < list.txt'],
  ])('%s', (command) => {
    expect(decide(command).decision).toBe('allow');
  });
});

describe('a variable whose value is a path is judged against allowedPaths', () => {
  it.each([
    ['GIT_DIR=/etc/.git git log', 'git writes /etc/.git'],
    ['KUBECONFIG=~/.kube/config kubectl get pods', 'kubectl reads /root/.kube/config'],
    ['export GNUPGHOME=/root/.gnupg; gpg --list-keys', 'export writes /root/.gnupg'],
    ['env TMPDIR=/etc mktemp', 'env writes /etc'],
    ['PYTHONPATH=src:/opt/lib python3 -m pytest', 'python3 reads /opt/lib'],
  ])('blocks %s', (command, what) => {
    const e = decide(command, workdirOnly);
    expect(e.decision).toBe('blocked');
    expect(e.reason).toContain(what);
  });

  it.each([['PYTHONPATH=src python3 -m pytest -q'], ['XDG_CACHE_HOME="$PWD/.cache" npm ci'], ['GIT_TRACE=1 git status']])('allows %s inside the project', (command) => {
    expect(decide(command, workdirOnly).decision).toBe('allow');
  });

  it('asks when the path is not known', () => {
    expect(decide('TMPDIR=$(cat dir.txt) npm ci', workdirOnly).decision).toBe('approval-required');
  });
});

describe('$(mktemp) is a path in its directory (fold.ts)', () => {
  it('is judged like that path: outside a profile without /tmp/', () => {
    expect(decide('TMPDIR=$(mktemp -d) npm ci', workdirOnly).decision).toBe('blocked');
  });
});

describe('PATH decides what every later command name runs', () => {
  it.each(['PATH=/tmp/argent-bin:$PATH ls', 'PATH=/etc:$PATH ls', 'export PATH=../evil:$PATH', 'PATH=/opt/x/bin ls'])('%s needs approval', (command) => {
    expect(decide(command).decision).toBe('approval-required');
  });
  it.each([
    'export PATH=$PWD/node_modules/.bin:$PATH',
    'export PATH="$HOME/.local/bin:$PATH"',
    'PATH=./bin:$PATH make',
    'export PATH=/usr/local/bin:/usr/bin:/bin',
    'export PATH=".venv/bin:$PATH"',
  ])('%s stays allowed', (command) => {
    expect(decide(command).decision).toBe('allow');
  });
});
