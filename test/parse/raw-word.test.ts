import { describe, expect, it } from 'vitest';
import { hasUnquotedExpansion } from '../../src/parse/raw-word.js';

describe('hasUnquotedExpansion', () => {
  it.each(['$x', 'a=$x', '${x}', '$(id)', '`id`', 'a"b"$c', '"a"$x"b"', "'a'$x", 'x\\\\$y'])('%s: yes', (raw) => expect(hasUnquotedExpansion(raw)).toBe(true));
  it.each(['"$x"', 'a="$x"', '"${x:-y}"', "'$x'", '\\$x', "$'\\x41'", '"a $(id) b"', 'plain', 's/a/"$b"/'])('%s: no', (raw) =>
    expect(hasUnquotedExpansion(raw)).toBe(false),
  );
});
