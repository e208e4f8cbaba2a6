// The wrapper table and unwrap(): which command a wrapper runs, found the way the wrapper finds it.
import { describe, expect, it } from 'vitest';
import { interpreterOf, interpreterUse } from '../../src/parse/inline-code.js';
import type { Word } from '../../src/parse/types.js';
import { commands, unknownKinds } from './helpers.js';

const w = (text: string): Word => ({ raw: text, text, literal: true, glob: false });

describe('runners with a run/exec subcommand report the command they run', () => {
  it.each([
    ['npm exec -- sudo id', 'sudo id', 'npm'],
    ['npx --yes cross-env A=1 rm -rf build', 'rm -rf build', 'npx > cross-env'],
    ['pnpm --dir pkg exec sudo id', 'sudo id', 'pnpm'],
    ['yarn dlx -p x sudo id', 'sudo id', 'yarn'],
    ['uv run --with requests -- sudo id', 'sudo id', 'uv'],
    ['uv tool run sudo id', 'sudo id', 'uv'],
    ['poetry -C app run rm -rf build', 'rm -rf build', 'poetry'],
    ['conda run -n base sudo id', 'sudo id', 'conda'],
    ['bundle exec rm -rf build', 'rm -rf build', 'bundle'],
    ['direnv exec . sudo id', 'sudo id', 'direnv'],
    ['nix develop .#dev -c sudo id', 'sudo id', 'nix'],
    ['mise exec node@20 -- sudo id', 'sudo id', 'mise'],
    ['dotenv -e .env -- sudo id', 'sudo id', 'dotenv'],
    ['faketime 2020-01-01 sudo id', 'sudo id', 'faketime'],
    ['cpulimit -l 50 -- sudo id', 'sudo id', 'cpulimit'],
    ['gosu root id', 'id', 'gosu'],
    ['pnpm rimraf build', 'rimraf build', 'pnpm'],
    ['yarn shx rm -rf build', 'shx rm -rf build', 'yarn'],
    ['bun x sudo id', 'sudo id', 'bun'],
    ['npm explore left-pad -- sudo id', 'sudo id', 'npm'],
    ['machinectl -q shell root@ /bin/id', '/bin/id', 'machinectl'],
  ])('%s runs `%s`', (script, inner, via) => {
    expect(commands(script)).toContainEqual({ cmd: inner, via: via.split(' > ') });
  });

  it('runs nothing for the data subcommands (install, add, config)', () => {
    for (const script of ['npm install --save-dev rimraf', 'npm rm left-pad', 'pnpm add sudo', 'yarn add rimraf', 'bun run build', 'uv pip install sudo', 'tmux ls', 'poetry add rm']) {
      expect(commands(script)).toEqual([{ cmd: script }]);
    }
  });
});

describe('runners that take shell strings report the code', () => {
  it.each([
    ['tmux new-session -d -s x \'sudo id\'', 'sudo id', 'tmux'],
    ['tmux -L sock send-keys -t x \'sudo id\' Enter', 'sudo id Enter', 'tmux'],
    ['screen -dmS x -Logfile log sh -c \'rm -rf build\'', 'rm -rf build', 'sh -c'],
    ['screen -S x -X stuff \'sudo id\'', 'stuff sudo id', 'screen'],
    ['pnpm exec -c \'sudo id\'', 'sudo id', 'pnpm'],
    ['entr -s \'sudo id\'', 'sudo id', 'entr'],
    ['nix-shell -p hello --run \'sudo id\'', 'sudo id', 'nix-shell'],
    ['nodemon -w src --exec \'sudo id\'', 'sudo id', 'nodemon'],
    ['hatch run \'sudo id\'', 'sudo id', 'hatch'],
    ['sg root -c \'sudo id\'', 'sudo id', 'sg'],
    ['su root -c \'sudo id\'', 'sudo id', 'su'],
  ])('%s runs `%s`', (script, inner, via) => {
    expect(commands(script).map((c) => c.cmd)).toContain(inner);
    expect(commands(script).find((c) => c.cmd === inner)?.via?.at(-1)).toBe(via);
  });

  it('reads every operand of concurrently as a command of its own', () => {
    const found = commands("concurrently -n a,b 'sudo id' 'npm test'");
    expect(found).toContainEqual({ cmd: 'sudo id', via: ['concurrently'] });
    expect(found).toContainEqual({ cmd: 'npm test', via: ['concurrently'] });
  });

  it('reads the inputs of parallel as commands when no command comes before :::', () => {
    const found = commands("parallel ::: 'sudo id' 'ls'");
    expect(found).toContainEqual({ cmd: 'sudo id', via: ['parallel'] });
    expect(found).toContainEqual({ cmd: 'ls', via: ['parallel'] });
  });

  it('hands the words after capsh -- to bash', () => {
    const found = commands("capsh --user=root -- -c 'sudo id'");
    expect(found).toContainEqual({ cmd: 'bash -c sudo id', via: ['capsh'] });
    expect(found).toContainEqual({ cmd: 'sudo id', via: ['capsh', 'bash -c'] });
    expect(commands('capsh --print')).toEqual([{ cmd: 'capsh --print' }]);
  });
});

describe('npm script-shell makes npm run scripts through a program the policy cannot see', () => {
  it.each(['npm run build --script-shell=./evil.sh', 'npm config set script-shell ./evil.sh', 'pnpm --script-shell ./x.sh test'])('%s is dynamic code', (script) => {
    expect(unknownKinds(script)).toEqual(['dynamic-code']);
  });
  it('leaves plain npm scripts alone', () => {
    expect(unknownKinds('npm run build -- --watch')).toEqual([]);
  });
});

describe('interpreters given code in less usual ways', () => {
  it.each([
    ['tsx', ['-e', 'console.log(1)'], 'node -e'],
    ['node', ['--import', 'data:text/javascript,console.log(1)', 'script.js'], 'node --import data:text/javascript,console.log(1) (preloaded code)'],
    ['node', ['--import=data:text/javascript,1', 'script.js'], 'node --import data:text/javascript,1 (preloaded code)'],
    ['python', ['-m', 'timeit', 'import os'], 'python -m timeit'],
    ['python', ['-mtimeit', 'import os'], 'python -m timeit'],
    ['python', ['-m', 'pdb', '-c', 'continue', 'x.py'], 'python -m pdb'],
  ])('%s %j is inline code', (program, args, inline) => {
    expect(interpreterUse(interpreterOf(program)!, args.map(w))).toEqual({ inline, readsStdin: false });
  });

  it('reads a script named /dev/stdin from stdin, and a module\'s own -c as its option', () => {
    expect(interpreterUse('python', ['/dev/stdin'].map(w))).toEqual({ inline: undefined, readsStdin: true });
    expect(interpreterUse('python', ['-m', 'pytest', '-c', 'pytest.ini'].map(w))).toEqual({ inline: undefined, readsStdin: false });
    expect(interpreterUse('node', ['--import', 'tsx', 'src/index.ts'].map(w))).toEqual({ inline: undefined, readsStdin: false });
  });

  it('treats awk -f /dev/stdin with a here-string as a program it cannot see', () => {
    expect(unknownKinds("awk -f /dev/stdin README.md <<< 'BEGIN { system(\"id\") }'")).toEqual(['inline-code']);
    expect(unknownKinds('awk -f prog.awk README.md')).toEqual([]);
  });
});
