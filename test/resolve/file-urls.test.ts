import { describe, expect, it } from 'vitest';
import { parseScript } from '../../src/parse/index.js';
import { fileUrlPaths } from '../../src/resolve/file-urls.js';
import { pathWords } from '../../src/resolve/path-words.js';

/** The path words of a one-command script as "access text". */
const words = (script: string): string[] => pathWords(parseScript(script).commands[0]!).map((w) => `${w.access} ${w.text}`);

describe('a file: URL names the local path after its host', () => {
  it.each<[string, string[]]>([
    ['file:///etc/passwd', ['/etc/passwd']],
    ['FILE:///etc/shadow', ['/etc/shadow']],
    ['file://localhost/etc/passwd', ['/etc/passwd']],
    ['file:/etc/passwd', ['/etc/passwd']],
    ['file:///%65tc/passwd', ['/etc/passwd']],
    ['file:///tmp/../etc/passwd', ['/tmp/../etc/passwd', '/etc/passwd']],
    ['file:///tmp/x?/../../etc/passwd', ['/tmp/x?/../../etc/passwd', '/etc/passwd', '/tmp/x']],
    ['file:../lib', ['../lib']],
    ['pkg @ file:///srv/pkg', ['/srv/pkg']],
    ['x@file:../lib', ['../lib']],
    ['file:///etc/passwd%00.txt', ['\u0000']],
  ])('%s', (text, expected) => {
    expect(fileUrlPaths(text)).toEqual(expected);
  });

  it.each([['https://example.com/etc/passwd'], ['/etc/passwd'], ['profile:///x'], ['see file: notes']])('%s is no file: URL', (text) => {
    expect(fileUrlPaths(text)).toEqual([]);
  });
});

describe('programs given a file: URL read (or write) the file it names', () => {
  it.each<[string, string[]]>([
    ['curl file:///etc/passwd', ['read /etc/passwd']],
    ['curl -s -o shadow.txt file:///etc/shadow', ['write shadow.txt', 'read /etc/shadow']],
    ['curl --url=file:///etc/passwd', ['read /etc/passwd']],
    ['curl -T notes.md file:///etc/motd', ['read notes.md', 'write /etc/motd']],
    ['git clone file:///srv/repo.git repo', ['read /srv/repo.git']],
    ['ffmpeg -i file:/etc/passwd out.mp4', ['read /etc/passwd']],
  ])('%s', (script, expected) => {
    expect(words(script)).toEqual(expected);
  });

  it.each([['grep -rn "file:///" src'], ['echo file:///etc/passwd'], ['git commit -m "file: update docs"'], ['curl -s https://example.com/etc/passwd']])(
    'a file: URL as data, or none: %s',
    (script) => {
      expect(words(script).filter((w) => w.includes('/etc') || w.includes('file:'))).toEqual([]);
    },
  );
});
