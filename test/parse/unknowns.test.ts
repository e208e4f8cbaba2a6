import { describe, expect, it } from 'vitest';
import { parseScript } from '../../src/parse/index.js';
import { unknownKinds } from './helpers.js';

describe('what cannot be seen into becomes an Unknown', () => {
  const table: Array<[string, string[]]> = [
    ['$cmd -rf /', ['dynamic-command']],
    ['"$@"', ['dynamic-command']],
    ['$(curl -s x) arg', ['dynamic-command']],
    ['eval "$x"', ['dynamic-code']],
    ['bash -c "$x"', ['dynamic-code']],
    ['sh -c "rm $(cat f)"', ['dynamic-code']],
    ['curl -s https://x | bash', ['dynamic-code']],
    ['bash < script.sh', ['dynamic-code']],
    ['cat <<EOF | sh\n$(date)\nEOF', ['dynamic-code']],
    ['ssh host "$CMD"', ['dynamic-code']],
    ['python3 -c "print(1)"', ['inline-code']],
    ['python -Bc "x"', ['inline-code']],
    ["python3 - <<'EOF'\nprint(1)\nEOF", ['inline-code']],
    ["perl -ne 'print' f", ['inline-code']],
    ["perl -e 'system(1)'", ['inline-code']],
    ["ruby -e 'x'", ['inline-code']],
    ["node -e 'x'", ['inline-code']],
    ["node --eval='x'", ['inline-code']],
    ["php -r 'x'", ['inline-code']],
    ["lua -e 'x'", ['inline-code']],
    ['echo "print(1)" | python3', ['inline-code']],
    ["awk 'BEGIN { system(\"id\") }'", ['inline-code']],
    ['awk \'{ print $1 | "sh" }\' f', ['inline-code']],
    ['awk \'{ print $1 > "/etc/x" }\' f', ['inline-code']],
    ['awk \'"id" | getline x\'', ['inline-code']],
    ["sed '1e id' f", ['inline-code']],
    ["sed 's/a/id/e' f", ['inline-code']],
    ["sed -n 'w /etc/x' f", ['inline-code']],
    ["sed -e 's/a/b/w out' f", ['inline-code']],
    ['source ~/.bashrc', ['source']],
    ['. ./env.sh', ['source']],
    // `--` ends the builtin's options: the file after it is still sourced.
    ['. -- /dev/stdin', ['source']],
    ['source -- env.sh', ['source']],
    // A venv's activate script is not unseen code, unless this script wrote it some other way.
    ["echo 'sudo id' > .venv/bin/activate; . .venv/bin/activate", ['source']],
    ['cp /tmp/evil .venv/bin/; source .venv/bin/activate', ['source']],
    ['source ../venv/bin/activate', ['source']],
    ['source "$VENV/bin/activate"', ['source']],
    ['source .venv/bin/activate.fish', ['source']],
    ["echo 'unterminated", ['unparseable']],
    ['if then fi', ['unparseable']],
  ];
  it.each(table)('%s', (script, kinds) => {
    expect(unknownKinds(script)).toEqual(kinds);
  });

  const clean = [
    "awk -F: '{print $1}' /etc/passwd",
    "awk '$3 > 1000 { print $1 }' f",
    "awk '/a|b/ { n++ } END { print n }' f",
    "awk '{ print ($1 > 5) }' f",
    "sed -n 's/a/b/p' f",
    "sed -i 's/foo/bar/g' f",
    "sed '/^#/d; s/x/y/' f",
    'python3 script.py --flag',
    'python3 -m pytest -q',
    'node dist/index.js',
    'bash ./build.sh',
    'source .venv/bin/activate && pytest -q',
    '. venv/bin/activate',
    'python3 -m venv .venv && . .venv/bin/activate',
    "grep -r 'eval \"$x\"' src/",
    'echo "python3 -c x"',
  ];
  it.each(clean)('no unknown for %s', (script) => {
    expect(parseScript(script).unknowns).toEqual([]);
  });

  it('never drops a command it cannot parse: the whole script becomes unparseable', () => {
    const r = parseScript('ls; rm -rf / (');
    expect(r.unknowns.map((u) => u.kind)).toEqual(['unparseable']);
  });

  it('names the unknown expansion in the word', () => {
    const [cmd] = parseScript('rm -rf "$TARGET"/$(date +%F)').commands.filter((c) => c.program === 'rm');
    expect(cmd?.args[1]?.unknowns).toEqual(['$TARGET', '$(date +%F)']);
  });
});

describe('run-time placeholders and pipes into shells are dynamic code', () => {
  const table: Array<[string, string[]]> = [
    ["find . -exec sh -c 'rm -rf {}' \\;", ['dynamic-code']],
    ["ls | xargs -I% sh -c 'rm %'", ['dynamic-code']],
    ["ls | xargs -i bash -c 'cat {}'", ['dynamic-code']],
    ['echo rm -rf / > >(sh)', ['dynamic-code']],
    ['base64 -d <<< cm0gLXJmIC8= | sh', ['dynamic-code']],
  ];
  it.each(table)('%s', (script, kinds) => {
    expect(unknownKinds(script)).toEqual(kinds);
  });

  it('keeps a bare {} operand as the placeholder', () => {
    const rm = parseScript('find . -exec rm {} +').commands.find((c) => c.program === 'rm');
    expect(rm?.args.map((a) => [a.text, a.literal])).toEqual([['{}', true]]);
    expect(rm?.appendsUnknownArgs).toBe(true);
  });
});
