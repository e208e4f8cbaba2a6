import { describe, expect, it } from 'vitest';
import { commands, lines } from './helpers.js';

const vars = { HOME: '/home/u', PWD: '/work/p' };

describe('a tilde prefix follows the variable it stands for', () => {
  it.each([
    ['~ is left to the resolve stage while the script leaves HOME alone', 'cat ~/x', 'cat ~/x'],
    ['~ after a sure HOME assignment is that HOME', 'HOME=/tmp/h; cat ~/x', 'cat /tmp/h/x'],
    ['export HOME=... is as sure', 'export HOME=/tmp/h; cat ~/x', 'cat /tmp/h/x'],
    ['a prefix assignment does not change the ~ of its own command', 'HOME=/tmp/h cat ~/x', 'cat ?/x'],
    ['HOME set twice is unknown', 'HOME=/a; HOME=/b; cat ~/x', 'cat ?/x'],
    ['~+ is $PWD', 'cat ~+/README.md', 'cat /work/p/README.md'],
    ['~+ after a cd is unknown', 'cd src; cat ~+/x', 'cat ?/x'],
    ['~- is $OLDPWD, unknown to the session', 'cat ~-/x', 'cat ?/x'],
    ['~N is a directory-stack entry', 'cat ~1/x ~+2', 'cat ?/x ?'],
    ['a quoted tilde is a literal name', 'HOME=/tmp/h; cat "~"/x \\~/y', 'cat ~/x ~/y'],
    ['~user is left to the resolve stage', 'HOME=/tmp/h; cat ~root/x', 'cat ~root/x'],
  ])('%s', (_, script, expected) => expect(lines(script, { vars }).pop()).toBe(expected));

  it('expands the target of a redirection', () => {
    expect(commands('HOME=/tmp/h; echo hi > ~/x', { vars })).toEqual([{ cmd: 'echo hi', redirects: ['> write /tmp/h/x'] }]);
  });
});

describe('$(pwd) is the cwd while the script cannot move it', () => {
  it.each([
    ['folded to $PWD', 'cat "$(pwd)/README.md"', 'cat /work/p/README.md'],
    ['pwd -L prints the same', 'cat "$(pwd -L)/x"', 'cat /work/p/x'],
    ['pwd -P resolves symlinks: not folded', 'cat "$(pwd -P)/x"', 'cat ?/x'],
    ['after a cd anywhere: unknown', 'cd src; cat "$(pwd)/x"', 'cat ?/x'],
    ['PWD assigned: unknown', 'PWD=/etc; cat "$(pwd)/x"', 'cat ?/x'],
    ['a pwd function: unknown', 'pwd() { echo /etc; }; cat "$(pwd)/passwd"', 'cat ?/passwd'],
  ])('%s', (_, script, expected) => expect(lines(script, { vars }).find((l) => l.startsWith('cat'))).toBe(expected));
});
