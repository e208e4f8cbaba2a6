import { describe, expect, it } from 'vitest';
import { commands } from './helpers.js';

describe('code run by other commands is reported with via', () => {
  const table: Array<[string, Array<{ cmd: string; via?: string[] }>]> = [
    ["sh -c 'rm -rf /tmp/a'", [{ cmd: 'sh -c rm -rf /tmp/a' }, { cmd: 'rm -rf /tmp/a', via: ['sh -c'] }]],
    ['bash -lc "rm -rf /tmp/a"', [{ cmd: 'bash -lc rm -rf /tmp/a' }, { cmd: 'rm -rf /tmp/a', via: ['bash -c'] }]],
    ["dash -xec 'id' name", [{ cmd: 'dash -xec id name' }, { cmd: 'id', via: ['dash -c'] }]],
    ["bash -o pipefail -c 'ls | wc'", [{ cmd: 'bash -o pipefail -c ls | wc' }, { cmd: 'ls', via: ['bash -c'] }, { cmd: 'wc', via: ['bash -c'] }]],
    ["busybox sh -c 'id'", [{ cmd: 'busybox sh -c id' }, { cmd: 'sh -c id', via: ['busybox'] }, { cmd: 'id', via: ['busybox', 'sh -c'] }]],
    ["eval 'rm -rf' /tmp/a", [{ cmd: 'eval rm -rf /tmp/a' }, { cmd: 'rm -rf /tmp/a', via: ['eval'] }]],
    ["echo 'rm -rf /tmp/a' | sh", [{ cmd: 'echo rm -rf /tmp/a' }, { cmd: 'sh' }, { cmd: 'rm -rf /tmp/a', via: ['sh <stdin>'] }]],
    ["printf 'id\\n' | bash", [{ cmd: 'printf id\\n' }, { cmd: 'bash' }, { cmd: 'id', via: ['bash <stdin>'] }]],
    ["su -c 'id' root", [{ cmd: 'su -c id root' }, { cmd: 'id', via: ['su'] }]],
    ["script -qc 'id' /dev/null", [{ cmd: 'script -qc id /dev/null' }, { cmd: 'id', via: ['script'] }]],
    ['watch -n 1 df -h', [{ cmd: 'watch -n 1 df -h' }, { cmd: 'df -h', via: ['watch'] }]],
    ["ssh -p 22 host 'rm -rf /srv/x'", [{ cmd: 'ssh -p 22 host rm -rf /srv/x' }, { cmd: 'rm -rf /srv/x', via: ['ssh'] }]],
    ["sh -c \"bash -c 'eval id'\"", [{ cmd: "sh -c bash -c 'eval id'" }, { cmd: 'bash -c eval id', via: ['sh -c'] }, { cmd: 'eval id', via: ['sh -c', 'bash -c'] }, { cmd: 'id', via: ['sh -c', 'bash -c', 'eval'] }]],
    ["alias ll='rm -rf /tmp/a'", [{ cmd: 'alias ll=rm -rf /tmp/a' }, { cmd: 'rm -rf /tmp/a', via: ['alias'] }]],
    ["trap 'rm -f /tmp/lock' EXIT", [{ cmd: 'trap rm -f /tmp/lock EXIT' }, { cmd: 'rm -f /tmp/lock', via: ['trap'] }]],
  ];
  it.each(table)('%s', (script, expected) => {
    expect(commands(script).map(({ cmd, via }) => (via ? { cmd, via } : { cmd }))).toEqual(expected);
  });
});

describe('wrappers are reported AND the command they run', () => {
  const table: Array<[string, string, string[]]> = [
    ['sudo rm -rf /x', 'rm -rf /x', ['sudo']],
    ['sudo -u www-data -E HOME=/tmp rm /x', 'rm /x', ['sudo']],
    ['doas -u root rm /x', 'rm /x', ['doas']],
    ['env -i PATH=/bin rm /x', 'rm /x', ['env']],
    ['env -u HOME -C /tmp rm /x', 'rm /x', ['env']],
    ['command rm /x', 'rm /x', ['command']],
    ['builtin cd /x', 'cd /x', ['builtin']],
    ['exec -a name rm /x', 'rm /x', ['exec']],
    ['nice -n 10 rm /x', 'rm /x', ['nice']],
    ['nice -5 rm /x', 'rm /x', ['nice']],
    ['nohup rm /x', 'rm /x', ['nohup']],
    ['timeout -s KILL -k 5 30 rm /x', 'rm /x', ['timeout']],
    ['timeout --signal=TERM 1m rm /x', 'rm /x', ['timeout']],
    ['stdbuf -oL -e 0 rm /x', 'rm /x', ['stdbuf']],
    ['setsid -f rm /x', 'rm /x', ['setsid']],
    ['ionice -c 3 rm /x', 'rm /x', ['ionice']],
    ['chrt -f 10 rm /x', 'rm /x', ['chrt']],
    ['taskset -c 0,1 rm /x', 'rm /x', ['taskset']],
    ['toybox rm /x', 'rm /x', ['toybox']],
    ['flock -w 5 /tmp/lock rm /x', 'rm /x', ['flock']],
    ['time -p rm /x', 'rm /x', ['time']],
    ['busybox rm /x', 'rm /x', ['busybox']],
    ['chroot /srv/root rm /x', 'rm /x', ['chroot']],
    ['unshare -r -n rm /x', 'rm /x', ['unshare']],
    ['systemd-run --user -p MemoryMax=1G rm /x', 'rm /x', ['systemd-run']],
    ['strace -f -o /tmp/t rm /x', 'rm /x', ['strace']],
    ['sudo env nice timeout 5 rm /x', 'rm /x', ['sudo', 'env', 'nice', 'timeout']],
  ];
  it.each(table)('%s', (script, inner, via) => {
    const all = commands(script);
    expect(all[0]?.cmd).toBe(script.replace(/--signal=TERM/, '--signal=TERM'));
    expect(all[all.length - 1]).toEqual({ cmd: inner, via });
  });

  it('reports nothing run for command -v, taskset -p and sudo -l', () => {
    for (const script of ['command -v rm', 'taskset -p 123', 'sudo -l', 'ssh -N -L 80:x:80 host']) {
      expect(commands(script)).toHaveLength(1);
    }
  });

  it('xargs: the inner command gets appendsUnknownArgs, default echo', () => {
    expect(commands('ls | xargs -0 -n 1 -I{} rm -rf').slice(1)).toEqual([{ cmd: 'xargs -0 -n 1 -I{} rm -rf' }, { cmd: 'rm -rf', via: ['xargs'] }]);
    expect(commands('ls | xargs').slice(2)).toEqual([{ cmd: 'echo', via: ['xargs'] }]);
  });

  it('find -exec/-execdir/-ok: each clause is a command with {} as placeholder', () => {
    expect(commands("find . -name '*.tmp' -exec rm -f {} \\; -execdir chmod 600 {} +").slice(1)).toEqual([
      { cmd: 'rm -f {}', via: ['find -exec'] },
      { cmd: 'chmod 600 {}', via: ['find -execdir'] },
    ]);
  });

  it('parallel runs its command as shell code', () => {
    expect(commands("parallel -j4 'rm {}' ::: a b").slice(1)).toEqual([{ cmd: 'rm {}', via: ['parallel'] }]);
  });

  it('xargs sh -c and find -exec bash -c nest', () => {
    expect(commands("find . -exec bash -c 'rm \"$1\"' _ {} \\;").slice(1)).toEqual([
      { cmd: 'bash -c rm "$1" _ {}', via: ['find -exec'] },
      { cmd: 'rm ?', via: ['find -exec', 'bash -c'] },
    ]);
  });
});

describe('arithmetic that evaluates a value holding a command substitution runs it', () => {
  // Each was checked with a harmless `echo RAN >&2` probe in bash 5.2: the substitution runs.
  const table: Array<[string, string]> = [
    ["a='x[$(sudo id)]'; echo $((a))", 'sudo id'],
    ["a='x[$(rm -rf build)]'; (( a ))", 'rm -rf build'],
    ["v='y[$(rm -rf build)]'; [[ $v -eq 1 ]]", 'rm -rf build'],
    ["let 'z[$(sudo id)]=1'", 'sudo id'],
    ["declare -i n='x[$(sudo id)]'", 'sudo id'],
    ["x='y[$(sudo id)]'; arr=(1 2); echo ${arr[x]}", 'sudo id'],
    ["o='y[$(sudo id)]'; s=abc; echo ${s:o:1}", 'sudo id'],
    // declare -i makes every later assignment to the name arithmetic (integer-vars.ts).
    ["declare -i n; o='a[$(sudo id)]'; n=o", 'sudo id'],
    ["declare -i n=0; o='a[$(rm -rf build)]'; n+=o", 'rm -rf build'],
    ["typeset -i n; o='a[$(sudo id)]'; n=o", 'sudo id'],
    ["declare -ai arr; o='a[$(sudo id)]'; arr=(o)", 'sudo id'],
    ["declare -i n; o='a[$(sudo id)]'; declare n=o", 'sudo id'],
    ["f() { local -i n; n='a[$(sudo id)]'; }", 'sudo id'],
    ["declare -i n='a[1]'; o='a[$(sudo id)]'; declare n+=o", 'sudo id'],
    // The for ((..)) head and the offsets of an array slice are arithmetic too.
    ["o='a[$(sudo id)]'; for ((i=0; i<o; i++)); do :; done", 'sudo id'],
    [`a=(x y); o='a[$(sudo id)]'; echo "\${a[@]:o}"`, 'sudo id'],
    [`a=(x y); o='a[$(sudo id)]'; echo "\${a[@]:0:o}"`, 'sudo id'],
  ];
  it.each(table)('%s', (script, inner) => {
    expect(commands(script).filter((c) => c.via?.[0] === 'arithmetic')[0]).toEqual({ cmd: inner, via: ['arithmetic'] });
  });

  it('reports nothing extra for ordinary arithmetic', () => {
    expect(commands('i=0; (( i++ )); echo $((i + 1)); let i+=1; [[ $n -gt 3 ]]').map((c) => c.cmd)).toEqual(['echo ?', 'let i+=1', '[[ ? -gt 3']);
    // ${#x} and ${x:-d} are computed from the known value (param-ops.ts); the substring stays unknown.
    expect(commands("x='y[$(id)]'; echo ${x:0:1} ${#x} ${x:-d}").map((c) => c.cmd)).toEqual(['echo ? 8 y[$(id)]']);
  });

  it('reports nothing for ordinary integer variables and arithmetic for loops', () => {
    const script = 'declare -i n=0; n+=2; m=n; for ((i=0; i<n; i++)); do echo "$i"; done; a=(x y); echo "${a[@]:1}"';
    expect(commands(script).filter((c) => c.via?.[0] === 'arithmetic')).toEqual([]);
  });

  it('does not split or brace-expand words inside [[ ]]', () => {
    expect(commands("x='a b'; [[ $x == {a,b} ]]").map((c) => c.cmd)).toEqual(['[[ a b == {a,b}']);
  });
});
