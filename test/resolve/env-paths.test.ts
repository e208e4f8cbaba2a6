import { describe, expect, it } from 'vitest';
import { parseScript } from '../../src/parse/index.js';
import { variablePathWords } from '../../src/resolve/env-paths.js';

/** The path words in assignments, as "access text" ("?" for an unknown part). */
function paths(script: string): string[] {
  return parseScript(script, { vars: { HOME: '/root', PWD: '/w' } }).commands.flatMap((c) =>
    variablePathWords(c).map((w) => `${w.access} ${w.text.replace(/\u0000/g, '?')}`),
  );
}

describe('a variable whose value is a path is a path word', () => {
  it.each([
    ['git\'s directory, which git writes', 'GIT_DIR=/etc/.git git log', ['write /etc/.git']],
    ['a temp dir', 'TMPDIR=/etc mktemp', ['write /etc']],
    ['each entry of a search path', 'PYTHONPATH=src:/root/lib python3 -m pytest', ['read src', 'read /root/lib']],
    ['a kube config list with ~', 'export KUBECONFIG=~/.kube/config', ['read ~/.kube/config']],
    ['a credentials file through env', 'env AWS_SHARED_CREDENTIALS_FILE=/root/.aws/credentials aws s3 ls', ['read /root/.aws/credentials']],
    ['a trace file (absolute)', 'GIT_TRACE=/etc/x git status', ['write /etc/x']],
    ['a value read from input', 'read GNUPGHOME', ['write ?']],
    ['a value with an expansion', 'HOME=$(cat dir.txt) npm ci', ['write ?']],
  ])('%s', (_title, script, expected) => {
    expect(paths(script)).toEqual(expected);
  });

  it.each([
    ['a trace flag', 'GIT_TRACE=1 git status'],
    ['an empty value', 'GIT_DIR= git log'],
    ['a variable that is not a path', 'NODE_ENV=production npm run build'],
    ['the toolchain choice, like PATH', 'JAVA_HOME=/usr/lib/jvm/java-17 mvn -v'],
  ])('no path in %s', (_title, script) => {
    expect(paths(script)).toEqual([]);
  });
});
