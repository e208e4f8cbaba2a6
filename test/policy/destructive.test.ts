import { describe, expect, it } from 'vitest';
import { parseScript } from '../../src/parse/index.js';
import { impliedPermissionCommands } from '../../src/policy/creation-modes.js';
import { destructiveMatches } from '../../src/policy/destructive.js';
import { destructiveRules, normalizeAll } from '../../src/policy/exec-rules.js';

/** The destructive rule ids a one-command script triggers, with the chmod/chown its creation options amount to. */
function ids(command: string): string[] {
  const commands = normalizeAll(parseScript(command), '/root');
  const views = [...commands, ...impliedPermissionCommands(commands, '/root')];
  return [...new Set(views.flatMap(({ n }) => destructiveMatches(n).map((r) => r.id)))];
}

describe('in-place editors other than sed -i and perl -i', () => {
  it.each([
    ['awk -i inplace 1 README.md', 'in-place-edit-awk'],
    ['gawk -iinplace 1 README.md', 'in-place-edit-awk'],
    ['awk --include=inplace 1 README.md', 'in-place-edit-awk'],
    ['awk \'@include "inplace"\n{ print }\' README.md', 'in-place-edit-awk-include'],
    ['ex -sc "%s/a/b/|x" README.md', 'scripted-editor'],
    ['ed -s README.md', 'scripted-editor'],
    ['vim -es -c "%d|x" README.md', 'scripted-vi'],
    ['nvim +wq README.md', 'scripted-vi-plus'],
    ['ruby -i.bak -pe "gsub(/a/, %q(b))" README.md', 'in-place-edit-perl'],
    ['yq -i ".a = 1" config.yaml', 'in-place-edit-yq'],
    ['sd foo bar README.md', 'in-place-edit-sd'],
  ])('asks for %s', (command, id) => expect(ids(command)).toEqual([id]));

  it('leaves plain awk programs alone', () => {
    expect(ids("awk -F: '{print $1}' list.txt")).toEqual([]);
  });
});

describe('archivers told to delete what they pack, and other removers', () => {
  it.each([
    ['tar -czf out.tgz --remove-files src', 'archive-remove'],
    ['zip -rm out.zip src', 'archive-move'],
    ['zstd --rm big.log', 'compress-remove'],
    ['rsync -a --delete-excluded src/ dest/', 'sync-delete'],
    ['gio remove notes.md', 'gio-remove'],
  ])('asks for %s', (command, id) => expect(ids(command)).toEqual([id]));

  it.each(['tar -czf out.tgz src', 'zip -r out.zip src', 'zstd big.log', 'sd -p foo bar README.md'])('allows %s', (command) => expect(ids(command)).toEqual([]));
});

describe('git commands that destroy work, refs or history', () => {
  it.each([
    ['git rm -r src', 'git-rm'],
    ['git checkout -- README.md', 'git-checkout-dash-dash'],
    ['git checkout HEAD src', 'git-checkout-ref-paths'],
    ['git update-ref -d refs/heads/main', 'git-ref-rewrite'],
    ['git filter-branch --tree-filter "rm -f x" HEAD', 'git-ref-rewrite'],
    ['git reflog expire --expire=now --all', 'git-reflog-expire'],
    ['git gc --prune=now', 'git-gc-prune'],
    ['git prune', 'git-prune'],
    ['git branch -f main HEAD~3', 'git-branch-delete'],
    ['git mv -f a.txt README.md', 'git-mv-force'],
    ['git worktree remove ../wt', 'git-worktree-remove'],
    ['git submodule deinit -f lib', 'git-submodule-deinit'],
  ])('asks for %s', (command, id) => expect(ids(command)).toContain(id));

  it.each(['git checkout main', 'git checkout -b feature/x origin/main', 'git rm --cached secret.txt', 'git gc', 'git reflog', 'git prune --dry-run', 'git -C sub branch -a', 'git worktree add ../remove', 'git mv a b'])(
    'allows %s',
    (command) => expect(ids(command)).toEqual([]),
  );
});

describe('permissions set while creating files are a chmod/chown', () => {
  it.each([
    'install -m 777 script.py /tmp/tool',
    'install --mode=0777 -d /tmp/shared',
    'install -Dm755 a /tmp/b',
    'mkdir -m 777 shared',
    'mkdir -pm777 shared',
    'mkdir --mode=a+rwx shared',
    'mkfifo -m 666 pipe',
    'rsync -a --chmod=Da+rwx src/ /tmp/copy/',
    'umask 0',
  ])('asks for %s', (command) => expect(ids(command)).toEqual(['permissions']));

  it('reads install -o/-g and rsync --chown as ownership changes', () => {
    expect(ids('install -o root -g root a /tmp/b')).toEqual(['permissions']);
    expect(ids('rsync -a --chown=root:root src/ /tmp/copy/')).toEqual(['permissions']);
  });

  it('turns a umask into the mode new directories get', () => {
    const [view] = impliedPermissionCommands(normalizeAll(parseScript('umask 022'), '/root'), '/root');
    expect(view?.n.operands).toEqual(['755']);
  });

  it.each(['mkdir -p build', 'install script.py /tmp/tool', 'rsync -a src/ /tmp/copy/', 'umask', 'umask -S'])('allows %s', (command) =>
    expect(ids(command)).toEqual([]),
  );

  it('asks for setcap, which grants capabilities', () => {
    expect(ids('setcap cap_setuid+ep ./tool')).toEqual(['capabilities']);
    expect(ids('setcap -v cap_setuid+ep ./tool')).toEqual([]);
  });
});

describe('an unknown argument counts as the flag that makes a command destructive only if it could be one', () => {
  it.each([
    ['awk -v day="$d" -f cal.awk', []],
    ['sed "s/a/$b/" notes.md', []],
    ["awk '$1 == p {print}' p=\"$(id -u)\" list.txt", []],
  ])('%s is not destructive', (command, expected) => expect(ids(command)).toEqual(expected));

  it.each([
    // Unquoted: the value may split into `-i inplace`.
    ['awk -v day=$(cat f) -f cal.awk', 'in-place-edit-awk'],
    ['awk $opts 1 README.md', 'in-place-edit-awk'],
    ['sed "$flag" "s/a/b/" notes.md', 'in-place-edit'],
    ['sed -e "s/a/$b/" $(cat files)', 'in-place-edit'],
  ])('%s may be', (command, id) => expect(ids(command)).toContain(id));
});

describe('a value attached to an option is not more options', () => {
  it.each([['perl -Mstrict script.pl'], ['perl -MList::Util=sum -e 1'], ['ruby -rjson app.rb'], ['perl -I lib t/x.t']])('%s is no in-place edit', (command) =>
    expect(ids(command)).toEqual([]),
  );
  it.each([['perl -pi -e s/a/b/ notes.md'], ['perl -i.bak -pe s/a/b/ notes.md'], ['ruby -i -pe 1 notes.md']])('%s still is', (command) =>
    expect(ids(command)).toContain('in-place-edit-perl'),
  );
});

describe('the reason given when an unknown argument may make a command destructive', () => {
  it('shows the argument as written and says the match may come from it', () => {
    const details = destructiveRules(normalizeAll(parseScript('git push -u origin "$branch"'), '/root'), []).map((r) => r.detail);
    expect(details).toContain('sandboxed mode: `git push -u origin "$branch"` rewrites remote history (git push --force) (or may: "$branch" is not known until it runs) (destructive: git-force-push)');
  });
});
