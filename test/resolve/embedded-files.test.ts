import { describe, expect, it } from 'vitest';
import { parseScript } from '../../src/parse/index.js';
import { embeddedFileWords } from '../../src/resolve/embedded-files.js';

/** The files named inside the first command's words, as "access path" ("access ?" when unknown). */
function files(script: string): string[] {
  const cmd = parseScript(script).commands[0]!;
  return embeddedFileWords(cmd).map((w) => `${w.access} ${w.literal ? w.text : '?'}`);
}

describe('files named inside socat addresses, awk programs and sed scripts', () => {
  it.each<[string, string[]]>([
    ['socat -u FILE:in.txt CREATE:/etc/x', ['read in.txt', 'write /etc/x']],
    ['socat -U OPEN:/dev/sda FILE:in.img', ['write /dev/sda', 'read in.img']],
    ['socat - /dev/sda', ['write /dev/sda']],
    ['socat TCP-LISTEN:80,fork OPENSSL:h:443,cert=/root/c.pem', ['read /root/c.pem']],
    ['socat PTY,link=/etc/x -', ['write /etc/x']],
    ['socat - TCP:example.com:80', []],
    [`awk 'BEGIN { while ((getline l < "/etc/shadow") > 0) print l }'`, ['read /etc/shadow']],
    [`awk '{ print > "/etc/x"; printf "%s", $0 >> "out.txt" }' f`, ['write /etc/x', 'write out.txt']],
    [`awk -v f=/etc/shadow 'BEGIN { getline l < f }'`, ['read ?']],
    [`awk '{ print $1 > 2 }' f`, ['write ?']],
    [`awk '$1 > 2 { print }' f`, []],
    [`gawk -i inplace 'BEGIN { getline < "/etc/shadow" }' f`, ['read /etc/shadow']],
    [`awk -f prog.awk f`, []],
    ["sed '1r /etc/shadow' f", ['read /etc/shadow']],
    ["sed -n '/x/w /etc/out' f", ['write /etc/out']],
    ["sed -e 's/a/b/gw /etc/out' f", ['write /etc/out']],
    ["sed -e 's/a/b/' -e '$R notes.md' f", ['read notes.md']],
    ["sed 's/r x/w y/' f", []],
    ["sed -n 'p;w /dev/stdout' f", []],
  ])('%s', (script, expected) => {
    expect(files(script)).toEqual(expected);
  });
});
