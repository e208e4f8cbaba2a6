import { execFileSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { findMarker } from '../../src/sandbox/marker-stream.js';
import { ansiC, commandLine } from '../../src/session/protocol.js';

describe('ansiC', () => {
  test('bash reads the quoted form back byte for byte, quotes, newlines, $ and non-ASCII included', () => {
    const text = `echo "it's" $HOME \`x\` \\ ;\n\tdone ✓ \x01`;
    const back = execFileSync('bash', ['-c', `printf %s ${ansiC(text)}`]).toString('utf8');
    expect(back).toBe(text);
  });
});

describe('commandLine', () => {
  test('is one line whose words are backslash-quoted (no alias applies) and whose command is data', () => {
    const line = commandLine('ls -la; echo $X', 'n0nce', true);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(line).toContain("\\eval -- $'ls -la\\x3b echo \\x24X' </dev/null");
    expect(line).toMatch(/^\\trap -- - DEBUG RETURN ERR; \\unset -f builtin command printf eval trap unset set/);
  });
});

describe('findMarker', () => {
  test('splits output from the marker and strips the newline the marker line added', () => {
    const buf = Buffer.from('hello\r\n\r\n\x1eabc 3\x1e\r\n');
    expect(findMarker(buf, 'abc')).toEqual({ exitCode: 3, before: Buffer.from('hello\r\n'), after: Buffer.alloc(0) });
  });

  test('a marker with another nonce is just output', () => {
    expect(findMarker(Buffer.from('\r\n\x1eforged 0\x1e\r\n'), 'abc')).toBeNull();
  });

  test('waits until the whole marker has arrived', () => {
    expect(findMarker(Buffer.from('x\r\n\x1eabc 1'), 'abc')).toBeNull();
  });
});
