// Inline code given to programs the interpreter table does not list, and data that only looks like it.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/policy/evaluate.js';
import { loadProfile } from '../../src/profile/load.js';

const sandboxed = loadProfile('sandboxed');
const decide = (command: string) => evaluate(command, sandboxed, { cwd: '/tmp/argent-inline-options/project', home: '/root' });

describe('an unknown program given code in a conventional code option needs approval', () => {
  it('says which option and value look like code', () => {
    expect(decide("frobnicate --eval '(run-program \"id\")'").rules).toContainEqual({
      key: 'builtin.inline-code',
      decision: 'approval-required',
      detail: '`--eval (run-program "id")` looks like inline code (an option of frobnicate, a program the policy does not know): the policy cannot see into it',
    });
  });

  it.each([
    "frobnicate -e 'system(\"id\")'",
    "frobnicate -c '!id'",
    "frobnicate --exec='a && b'",
    "frobnicate --command 'make; make install'",
    "frobnicate --expr '`id`'",
    'frobnicate --eval "$code"',
    "rake -e 'system(\"id\")'",
    "mix run -e 'System.cmd(\"id\", [])'",
    "duckdb -c 'SELECT * FROM read_csv(\"/etc/passwd\")'",
    // A listed interpreter's script given code: Django's shell -c, Laravel's tinker --execute.
    "python3 manage.py shell -c 'import os; os.system(\"id\")'",
    "php artisan tinker --execute='User::first()'",
  ])('%s', (command) => {
    expect(decide(command).decision).toBe('approval-required');
  });

  it.each([
    "docker run --rm -e FOO=bar -e 'URL=http://a?b=1&c=2' node:20 npm test",
    'docker run -e "TAG=$(git rev-parse HEAD)" app',
    'gcc -c src/main.c -o build/main.o',
    'cc -c "$f"',
    'kubectl exec pod -c app -- ls',
    "ugrep -e '(foo|bar)' src",
    "ansible-playbook -e 'env=prod' site.yml",
    'python3 script.py -c config.yaml',
    'frobnicate --command build',
  ])('leaves data in those options alone: %s', (command) => {
    expect(decide(command).decision).toBe('allow');
  });
});

describe('programs that run commands from their own options', () => {
  it.each([
    'mvn -q exec:exec -Dexec.executable=sudo -Dexec.args=id',
    'mvn -D exec.executable=sh exec:exec',
    "lldb -o 'platform shell id' ./a.out",
    "duckdb data.db -c '.shell id'",
    "sftp -b - host <<< '!id'",
    "cmake -P /dev/stdin <<< 'execute_process(COMMAND id)'",
    "rails runner 'system(\"id\")'",
    "bundle exec bin/rails r 'User.destroy_all'",
  ])('%s needs approval', (command) => {
    expect(decide(command).decision).not.toBe('allow');
  });

  it('blocks what cmake -E env and -E time run as the command it is', () => {
    expect(decide('cmake -E env FOO=1 sudo id').decision).toBe('blocked');
    expect(decide('cmake -E time rm -rf build').decision).toBe('blocked');
    expect(decide('cmake -S . -B build && cmake --build build').decision).toBe('allow');
  });

  it('leaves mvn goals without an executable, and rails scripts, alone', () => {
    expect(decide('mvn -q test -Dtest=FooTest').decision).toBe('allow');
    expect(decide('bin/rails runner script/backfill.rb').decision).toBe('allow');
  });
});

describe('the no-op `:` runs nothing but its expansions', () => {
  it('treats its words as data', () => {
    expect(decide(': sudo rm -rf build').decision).toBe('allow');
  });
  it('still runs a command substitution in them', () => {
    expect(decide(': "$(sudo id)"').decision).toBe('blocked');
  });
});
