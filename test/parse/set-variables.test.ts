import { describe, expect, it } from 'vitest';
import { parseScript } from '../../src/parse/index.js';
import { loopVariableNames, variablesSet } from '../../src/parse/set-variables.js';

/** Every variable the script's commands set, as NAME=value (NAME=? when the value is unknown). */
function setIn(script: string): string[] {
  return parseScript(script, { vars: { HOME: '/root', PWD: '/w' } }).commands.flatMap((c) =>
    variablesSet(c).map((v) => `${v.name}=${v.value === undefined ? '?' : v.value.text}`.replace(/\u0000/g, '?')),
  );
}

describe('every way a command sets a variable is seen', () => {
  it.each([
    ['a prefix assignment', 'LD_PRELOAD=/x.so ls', ['LD_PRELOAD=/x.so']],
    ['an assignment on its own', "PAGER='sh -c id'", ['PAGER=sh -c id']],
    ['export NAME=value', 'export NODE_OPTIONS=--require=x; node a.js', ['NODE_OPTIONS=--require=x']],
    ['declare -x and readonly', 'declare -x A=1; readonly B=2; typeset -gx C=3', ['A=1', 'B=2', 'C=3']],
    ['export of a name set elsewhere passes on an unknown value', 'export PAGER', ['PAGER=?']],
    ['env NAME=value before the command', 'env -u X -i LD_PRELOAD=/x.so ls', ['LD_PRELOAD=/x.so']],
    ['env with a name bash would not accept', "env 'BASH_FUNC_ls%%=() { id; }' bash -c ls", ['BASH_FUNC_ls%%=() { id; }']],
    ['env behind another wrapper', 'nice env GIT_DIR=/etc/.git git log', ['GIT_DIR=/etc/.git']],
    ['read into a name', 'read -r -p prompt GIT_EDITOR', ['GIT_EDITOR=?']],
    ['printf -v with the name attached', 'printf -vLD_PRELOAD %s /x.so', ['LD_PRELOAD=?']],
    ['mapfile', 'mapfile -t LESSOPEN < f', ['LESSOPEN=?']],
    ['a value with an expansion', 'TMPDIR=$(cat dir.txt) npm ci', ['TMPDIR=?']],
    ['a name from an expansion', 'export "$n=/x.so"; read "$m"', ['?=/x.so', '?=?']],
    ['a nameref sets its target', 'declare -n r=LD_PRELOAD', ['LD_PRELOAD=?']],
    ['time and coproc take assignments (bash keywords)', 'time LD_PRELOAD=/x.so ls', ['LD_PRELOAD=/x.so']],
    ['dotenv -v NAME=value', 'dotenv -v NODE_OPTIONS=--require=x -- node a.js', ['NODE_OPTIONS=--require=x']],
    ['only what is added to the earlier value', 'PYTHONPATH=src${PYTHONPATH:+:$PYTHONPATH} pytest', ['PYTHONPATH=src']],
    ['the earlier value of another variable stays unknown', 'export NODE_OPTIONS="$NODE_OPTIONS $EXTRA"', ['NODE_OPTIONS= ?']],
  ])('%s', (_title, script, expected) => {
    expect(setIn(script)).toEqual(expected);
  });

  it.each([
    ['arguments that only look like assignments', 'echo LD_PRELOAD=/x.so'],
    ['env with no assignment', 'env ls -l A=b'],
    ['export -p prints', 'export -p'],
    ['export -n un-exports', 'export -n PAGER'],
    ['declare without -x does not pass a bare name on', 'declare PAGER'],
    ['printf arguments are data', 'printf "%s" PAGER'],
  ])('nothing is set by %s', (_title, script) => {
    expect(setIn(script)).toEqual([]);
  });
});

describe('loops assign their variable on every pass', () => {
  it('names the variables of for and select loops, nested code included', () => {
    expect(loopVariableNames("for PAGER in a b; do git log; done; bash -c 'select x in 1 2; do :; done'; for ((i=0;i<2;i++)); do :; done")).toEqual(['PAGER', 'x']);
  });
});
