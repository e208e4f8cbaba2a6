import { describe, expect, it } from 'vitest';
import { parseScript } from '../../src/parse/index.js';
import { commands, lines, unknownKinds } from './helpers.js';

describe('here-document bodies are data, never commands', () => {
  it('lifts a quoted body out: cat <<EOF > app.py', () => {
    const script = "cat <<'EOF' > app.py\nimport os\nos.system('rm -rf /')\nrm -rf /\nEOF\necho done";
    const r = parseScript(script);
    expect(lines(script)).toEqual(['cat', 'echo done']);
    expect(r.commands[0]?.hereDocs).toEqual([{ delimiter: 'EOF', quoted: true, body: "import os\nos.system('rm -rf /')\nrm -rf /\n" }]);
    expect(r.unknowns).toEqual([]);
  });

  it('keeps the redirect after the here-doc operator', () => {
    expect(commands("cat > f.txt <<'EOF'\nx\nEOF")).toEqual([{ cmd: 'cat', redirects: ['> write f.txt', '<< heredoc EOF'] }]);
  });

  it('strips leading tabs for <<- and finds the tab-indented delimiter', () => {
    const r = parseScript('cat <<-END\n\tline\n\tEND\nls');
    expect(r.commands.map((c) => c.program)).toEqual(['cat', 'ls']);
    expect(r.commands[0]?.hereDocs[0]?.body).toBe('line\n');
  });

  it('reads several here-docs on one line in order', () => {
    const r = parseScript("cat > a <<'A' && cat > b <<'B'\nfirst\nA\nsecond\nB\ndiff a b");
    expect(lines("cat > a <<'A' && cat > b <<'B'\nfirst\nA\nsecond\nB\ndiff a b")).toEqual(['cat', 'cat', 'diff a b']);
    expect(r.commands.flatMap((c) => c.hereDocs.map((h) => h.body))).toEqual(['first\n', 'second\n']);
  });

  it('ends only at a line that is exactly the delimiter', () => {
    const script = "cat <<'EOF' > notes\n  EOF\nEOF2\n\"EOF\"\nEOF; rm -rf /\nEOF\nls";
    expect(lines(script)).toEqual(['cat', 'ls']);
    expect(parseScript(script).commands[0]?.hereDocs[0]?.body).toBe('  EOF\nEOF2\n"EOF"\nEOF; rm -rf /\n');
  });

  it('treats $(..) in a quoted body as data', () => {
    expect(lines("cat <<'EOF'\n$(rm -rf /)\nEOF")).toEqual(['cat']);
  });

  it('runs $(..) and backticks in an unquoted body as commands', () => {
    expect(commands('cat > env <<EOF\nSHA=$(git rev-parse HEAD)\nWHO=`whoami`\nHOME=$HOME\nEOF')).toEqual([
      { cmd: 'cat', redirects: ['> write env', '<< heredoc EOF'] },
      { cmd: 'git rev-parse HEAD', via: ['$(...)'] },
      { cmd: 'whoami', via: ['`...`'] },
    ]);
  });

  it('handles a here-doc inside $(..) inside double quotes (git commit -m)', () => {
    const script = 'git commit -m "$(cat <<\'EOF\'\nfix: handle ) and " in a message\nEOF\n)"\ngit log -1';
    expect(lines(script)).toEqual(['git commit -m fix: handle ) and " in a message', 'cat', 'git log -1']);
  });

  it('keeps a 100 KB here-doc fine', () => {
    const body = 'x = "rm -rf /"\n'.repeat(7000);
    const r = parseScript(`cat > big.py <<'EOF'\n${body}EOF\necho ok`);
    expect(r.commands.map((c) => c.program)).toEqual(['cat', 'echo']);
    expect(r.commands[0]?.hereDocs[0]?.body).toBe(body);
    expect(r.unknowns).toEqual([]);
  });

  it('accepts a body that runs to the end of input, as bash does', () => {
    expect(lines("cat <<'EOF'\nunterminated\nrm -rf /")).toEqual(['cat']);
    expect(unknownKinds("cat <<'EOF'\nunterminated")).toEqual([]);
  });

  it('parses a shell fed a literal here-doc as code', () => {
    expect(commands("bash <<'EOF'\nrm -rf /tmp/x\nEOF")).toEqual([
      { cmd: 'bash', redirects: ['<< heredoc EOF'] },
      { cmd: 'rm -rf /tmp/x', via: ['bash <stdin>'] },
    ]);
  });

  it('parses `cat <<EOF | sh` as code when the body is constant', () => {
    expect(lines("cat <<'EOF' | sh\nrm -rf /tmp/y\nEOF")).toEqual(['cat', 'sh', 'rm -rf /tmp/y']);
  });

  it('a here-string to a shell is code too', () => {
    expect(commands("bash <<< 'rm -rf /tmp/z'").map((c) => c.cmd)).toEqual(['bash', 'rm -rf /tmp/z']);
  });
});

describe('here-documents bash would read differently fail closed', () => {
  it('refuses a here-doc left open inside $(..) rather than swallowing what follows', () => {
    // bash runs `echo HIDDEN` here (the body is read after the line); we must not hide it.
    expect(parseScript('echo $(cat <<EOF) ; echo HIDDEN\nbody\nEOF').unknowns.map((u) => u.kind)).toEqual(['unparseable']);
    expect(parseScript('echo `cat <<EOF` ; echo HIDDEN\nbody\nEOF').unknowns.map((u) => u.kind)).toEqual(['unparseable']);
  });
});
