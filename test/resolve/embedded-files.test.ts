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

describe('files the sqlite3 shell opens because of its dot-commands and SQL', () => {
  it.each<[string, string[]]>([
    ["sqlite3 -cmd '.output /etc/argent' db.sqlite 'select 1'", ['write /etc/argent']],
    ["sqlite3 db.sqlite '.once -x /etc/x'", ['write /etc/x']],
    ["sqlite3 db.sqlite '.backup main /etc/b.db'", ['write /etc/b.db']],
    ["sqlite3 db.sqlite '.save \"/etc/s.db\"'", ['write /etc/s.db']],
    ["sqlite3 db.sqlite '.open --readonly /etc/x.db'", ['write /etc/x.db']],
    ["sqlite3 db.sqlite '.read /etc/x.sql'", ['read /etc/x.sql']],
    ["sqlite3 db.sqlite '.import --csv --skip 1 /etc/passwd t'", ['read /etc/passwd']],
    ["sqlite3 db.sqlite '.log off' '.log /etc/log'", ['write /etc/log']],
    ["sqlite3 db.sqlite \"ATTACH DATABASE '/etc/e.db' AS e\"", ['write /etc/e.db']],
    ["sqlite3 db.sqlite \"vacuum main into '/etc/v.db'\"", ['write /etc/v.db']],
    ["sqlite3 db.sqlite \"select readfile('/etc/shadow'), writefile('/etc/x', 1)\"", ['read /etc/shadow', 'write /etc/x']],
    ["duckdb db.duckdb '.output /etc/x'", ['write /etc/x']],
    // A name only known at run time, or relative to a directory .cd moved to: unknown.
    ["sqlite3 db.sqlite 'select writefile(name, data) from t'", ['write ?']],
    ["sqlite3 db.sqlite '.cd /tmp' '.output x'", ['read /tmp', 'write ?']],
    // `|cmd` is code (policy/code-options.ts), not a file.
    ["sqlite3 db.sqlite \".output '|sort'\"", []],
    ["sqlite3 -header -csv db.sqlite 'select * from users limit 5'", []],
    ["sqlite3 db.sqlite '.tables' '.mode column' \"select 'a|b'\"", []],
  ])('%s', (script, expected) => {
    expect(files(script)).toEqual(expected);
  });
});
