import { describe, expect, it } from 'vitest';
import { parseScript } from '../../src/parse/index.js';
import { implicitTargetWords } from '../../src/resolve/implicit-targets.js';

/** The implicit targets of the script's first command as "access path" ("write ?" when unknown). */
function targets(script: string): string[] {
  const cmd = parseScript(script).commands[0]!;
  return implicitTargetWords(cmd).map((w) => `${w.access} ${w.literal ? w.text : '?'}`);
}

describe('global and user package installs are judged as writes to the directory they install into', () => {
  it.each<[string, string[]]>([
    ['npm install -g typescript', ['write /usr/local/lib/node_modules']],
    ['npm i --global eslint', ['write /usr/local/lib/node_modules']],
    ['npm -g uninstall eslint', ['write /usr/local/lib/node_modules']],
    ['npm i --location=global eslint', ['write /usr/local/lib/node_modules']],
    ['npm link', ['write /usr/local/lib/node_modules']],
    ['pnpm add -g x', ['write ~/.local/share/pnpm']],
    ['yarn global add x', ['write ~/.config/yarn/global']],
    ['bun add -g x', ['write ~/.bun/install/global']],
    ['pip install --user requests', ['write ~/.local/lib']],
    ['pip3.11 install --user requests', ['write ~/.local/lib']],
    ['python3 -m pip install --user requests', ['write ~/.local/lib']],
    ['uv pip install --system x', ['write /usr/local/lib/python3']],
    ['pipx install black', ['write ~/.local/share/pipx']],
    ['cargo install ripgrep', ['write ~/.cargo/bin']],
    ['cargo +nightly install ripgrep', ['write ~/.cargo/bin']],
    ['go install ./cmd/tool', ['write ~/go/bin']],
    ['gem install rails', ['write /var/lib/gems']],
    ['gem install --user-install rails', ['write ~/.gem']],
    ['composer global require x', ['write ~/.config/composer']],
    ['dotnet tool install -g x', ['write ~/.dotnet/tools']],
    ['apt-get install -y jq', ['write /usr']],
    ['apt-get -o Debug::pkgProblemResolver=1 install jq', ['write /usr']],
    ['dpkg -i x.deb', ['write /usr']],
    ['pacman -Syu', ['write /usr']],
  ])('%s', (script, expected) => {
    expect(targets(script)).toEqual(expected);
  });

  it.each<[string, string[]]>([
    ['npm --prefix ./tools install -g x', ['write ./tools']],
    ['npm_config_prefix=./tools npm i -g x', ['write ./tools']],
    ['cargo install --root=./tools ripgrep', ['write ./tools']],
    ['GOBIN=/opt/bin go install ./cmd/tool', ['write /opt/bin']],
    ['pip install --target /etc/x requests', ['write /etc/x']],
    ['gem install -i vendor rails', ['write vendor']],
  ])('the directory the command names instead: %s', (script, expected) => {
    expect(targets(script)).toEqual(expected);
  });

  it.each([
    ['npm install'], ['npm ci'], ['npm install --save-dev vitest'], ['npm ls -g'], ['npm root -g'], ['pnpm add x'], ['yarn add x'],
    ['yarn global list'], ['pip install -r requirements.txt'], ['pip install -e .'], ['python3 -m pip install -r requirements.txt'],
    ['uv pip install x'], ['cargo build'], ['cargo install --list'], ['go build ./...'], ['composer require x'], ['apt-cache search jq'],
    ['apt-get -s install jq'], ['dpkg -l'], ['rpm -qi bash'], ['pacman -Ss foo'], ['npm install "$pkg"'],
  ])('installs into the project or only lists: %s', (script) => {
    expect(targets(script)).toEqual([]);
  });

  it('an unquoted unknown word may be the -g that makes an install global', () => {
    expect(targets('npm install $flags x')).toEqual(['write ?']);
  });
});

describe('extraction that keeps absolute member names may write anywhere: an unknown path', () => {
  it.each([
    ['tar -xPf archive.tar'], ['tar xPf archive.tar'], ['tar -xf archive.tar --absolute-names'], ['tar --extract -P -f a.tar'],
    ['cpio -idv'], ['unzip -: a.zip'], ['pax -r -f a.pax'], ['7z x -spf a.7z'], ['tar -xf archive.tar $opts'],
  ])('%s', (script) => {
    expect(targets(script)).toEqual(['write ?']);
  });

  it.each([['tar -xf archive.tar'], ['tar -cPf /tmp/a.tar src'], ['tar -xf "$f"'], ['cpio -idv --no-absolute-filenames'], ['cpio -it'], ['unzip a.zip']])(
    'keeps names relative or only creates: %s',
    (script) => {
      expect(targets(script)).toEqual([]);
    },
  );
});
