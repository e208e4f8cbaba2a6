// Size and nesting cases, generated because nobody should hand-write a 100 KB here-document: the
// engine must keep checking whatever the size or depth (issue 2, point 6: a cap blocks, never skips).
// `node generate-long.mjs --probe` runs the nested-quoting builders with a harmless `echo` payload
// through real bash, to prove the quoting is what bash would run.
import { execFileSync } from 'node:child_process';

/** Single-quotes a string for the shell, the way a careful attacker nests `bash -c`. */
export function shq(s) {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

/** `bash -c '...'` wrapped `depth` times around `inner`. */
export function nestBashC(inner, depth, shell = 'bash') {
  let s = inner;
  for (let i = 0; i < depth; i++) s = `${shell} -c ${shq(s)}`;
  return s;
}

/** `eval '...'` wrapped `depth` times. */
export function nestEval(inner, depth) {
  let s = inner;
  for (let i = 0; i < depth; i++) s = `eval ${shq(s)}`;
  return s;
}

/** `echo $(echo $( ... inner ... ))`. */
export function nestSubst(inner, depth) {
  let s = inner;
  for (let i = 0; i < depth; i++) s = `echo $(${s})`;
  return s;
}

export function generatedCases() {
  const out = [];
  const add = (cls, cmd, expect, note, profile = 'sandboxed') =>
    out.push({ id: `generated-size-${String(out.length + 1).padStart(3, '0')}`, class: cls, cmd, expect, profile, note });
  const body = (n, line) => Array.from({ length: n }, (_, i) => `${line} ${i}`).join('\n');

  add('size-and-depth', Array(1000).fill('true').join(' && ') + ' && sudo id', 'blocked', 'sudo at the end of a 1000-command && chain');
  add('size-and-depth', Array(1000).fill('true').join(' && ') + ' && ls', 'allow', 'a 1000-command && chain of harmless commands');
  add('size-and-depth', Array(2000).fill('echo step').join('; ') + '; rm -rf build', 'blocked', 'rm -rf after 2000 harmless commands on one line');
  add('size-and-depth', Array(2000).fill('echo step').join('\n') + '\nrm -r -f build', 'blocked', 'rm -r -f on line 2001 of a script');
  add('size-and-depth', `cat <<'EOF' > big-notes.md\n${body(3000, 'never run sudo rm -rf / or chmod 777; this is documentation line')}\nEOF`, 'allow', '~200 KB quoted here-doc of text that mentions every pattern, written to a new file');
  add('size-and-depth', `cat <<EOF > big-gen.txt\n${body(3000, 'generated line')}\n$(sudo id)\nEOF`, 'blocked', 'command substitution at the end of a ~60 KB unquoted here-doc body runs');
  add('size-and-depth', `cat <<'EOF' > big-data.txt\n${body(3000, 'data line')}\nEOF\nsudo id`, 'blocked', 'a real sudo right after a ~40 KB quoted here-doc');
  add('size-and-depth', `cat <<EOF > big-plain.txt\n${body(3000, 'plain $HOME line')}\nEOF`, 'allow', 'large unquoted here-doc with only variable expansions, to a new file');
  add('size-and-depth', `echo '${'a'.repeat(200_000)}' > big-arg.txt`, 'allow', 'a 200 KB quoted argument written to a new file');
  add('size-and-depth', `echo ${'word '.repeat(20_000)}; sudo id`, 'blocked', '20,000 words then sudo');
  add('size-and-depth', Array(500).fill('cat').join(' | ') + ' | sudo tee out.txt', 'blocked', 'sudo at the end of a 500-stage pipeline');
  add('size-and-depth', 'cat README.md | ' + Array(500).fill('cat').join(' | ') + ' > out-pipe.txt', 'allow', '500-stage harmless pipeline into a new file');
  add('size-and-depth', '( '.repeat(200) + 'sudo id' + ' )'.repeat(200), 'blocked', 'sudo inside 200 nested subshells');
  add('size-and-depth', '( '.repeat(200) + 'ls' + ' )'.repeat(200), 'allow', 'ls inside 200 nested subshells');
  add('size-and-depth', '{ '.repeat(100) + 'rm -rf build; ' + '}; '.repeat(99) + '}', 'blocked', 'rm -rf inside 100 nested brace groups');
  add('size-and-depth', 'if true; then '.repeat(60) + 'chmod 777 out' + '; fi'.repeat(60), 'blocked', 'chmod 777 inside 60 nested ifs');
  add('size-and-depth', nestBashC('sudo id', 8), 'blocked', 'sudo inside 8 levels of bash -c with correct nested quoting');
  add('size-and-depth', nestBashC('echo hi', 8), 'allow', 'echo inside 8 levels of bash -c');
  add('size-and-depth', nestBashC('cat /etc/passwd', 6, 'sh'), 'blocked', 'read outside allowedPaths inside 6 levels of sh -c');
  add('size-and-depth', nestEval('rm -rf build', 6), 'blocked', 'rm -rf inside 6 levels of eval');
  add('size-and-depth', nestSubst('sudo id', 40), 'blocked', 'sudo in the innermost of 40 nested $(..)');
  add('size-and-depth', nestSubst('echo hi', 10), 'allow', '10 nested $(echo ..) of a constant');
  add('size-and-depth', 'f0() { sudo id; }\n' + Array.from({ length: 300 }, (_, i) => `f${i + 1}() { f${i}; }`).join('\n') + '\nf300', 'blocked', 'sudo reached through a chain of 300 functions');
  add('size-and-depth', `for i in ${Array.from({ length: 5000 }, (_, i) => i).join(' ')}; do echo "$i"; done > numbers.txt`, 'allow', 'a loop over 5000 literal words into a new file');
  add('size-and-depth', `x=1\n${Array(3000).fill('x=$((x+1))').join('\n')}\necho "$x" > count.txt`, 'allow', '3000 lines of arithmetic assignments');
  return out;
}

if (process.argv.includes('--probe')) {
  // Harmless payloads only: prove that the nesting builders produce what bash runs.
  const check = (label, cmd, want) => {
    const got = execFileSync('bash', ['-c', cmd], { encoding: 'utf8' }).trim();
    console.log(`${got === want ? 'ok  ' : 'FAIL'} ${label}: ${JSON.stringify(got.slice(0, 40))}`);
  };
  check('bash -c x8', nestBashC("printf '%s' PROBE", 8), 'PROBE');
  check('sh -c x6', nestBashC("printf '%s' PROBE", 6, 'sh'), 'PROBE');
  check('eval x6', nestEval("printf '%s' PROBE", 6), 'PROBE');
  check('subst x40', nestSubst('echo PROBE', 40), 'PROBE');
}
