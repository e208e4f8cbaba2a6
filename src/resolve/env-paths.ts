// Environment variables whose value is a file or directory a program reads or writes: `GIT_DIR=/etc/.git
// git log` reads /etc as surely as `git --git-dir=/etc/.git log`, `TMPDIR=/etc mktemp` writes there.
// Their values are path words like any option value, judged against allowedPaths. Data, not code:
// extend the table. The variables whose value is code are in src/policy/env-vars.ts.
import { variablesSet } from '../parse/set-variables.js';
import type { SimpleCommand } from '../parse/types.js';
import type { AccessKind, PathWord } from './path-words.js';

interface PathVariable {
  name: string | RegExp;
  /** write: programs create files there (homes, caches, temp dirs, git's dir); read: configuration, search paths. */
  access: Exclude<AccessKind, 'cwd'>;
  /** A ":"-separated list of paths (PYTHONPATH, KUBECONFIG). */
  list?: boolean;
  /** Only an absolute value is a file; others are flags (GIT_TRACE=1 traces to stderr). */
  absoluteOnly?: boolean;
}

export const pathVariables: PathVariable[] = [
  { name: /^(HOME|TMPDIR|TMP|TEMP|TEMPDIR|XDG_(CONFIG|DATA|CACHE|STATE)_HOME|XDG_RUNTIME_DIR)$/, access: 'write' },
  { name: /^(HISTFILE|LESSHISTFILE|NODE_REPL_HISTORY|PYTHONHISTORY|SSLKEYLOGFILE|LD_DEBUG_OUTPUT|PYTHONPYCACHEPREFIX)$/, access: 'write' },
  { name: /^(XDG_CONFIG_DIRS|XDG_DATA_DIRS)$/, access: 'read', list: true },
  // git: its directory, work tree and index are written by most subcommands.
  { name: /^(GIT_DIR|GIT_WORK_TREE|GIT_INDEX_FILE|GIT_OBJECT_DIRECTORY|GIT_COMMON_DIR)$/, access: 'write' },
  { name: 'GIT_ALTERNATE_OBJECT_DIRECTORIES', access: 'read', list: true },
  { name: /^GIT_TRACE/, access: 'write', absoluteOnly: true },
  // Credentials and configuration of cloud, container and key tools.
  { name: /^(KUBECONFIG)$/, access: 'read', list: true },
  { name: /^(AWS_CONFIG_FILE|AWS_SHARED_CREDENTIALS_FILE|AWS_WEB_IDENTITY_TOKEN_FILE|GOOGLE_APPLICATION_CREDENTIALS|CLOUDSDK_CONFIG|AZURE_CONFIG_DIR|GH_CONFIG_DIR|DOCKER_CONFIG|DOCKER_CERT_PATH|TF_CLI_CONFIG_FILE|ANSIBLE_CONFIG|PASSWORD_STORE_DIR|SSH_AUTH_SOCK)$/, access: 'read' },
  { name: /^(GNUPGHOME|TF_DATA_DIR|TF_PLUGIN_CACHE_DIR)$/, access: 'write' },
  { name: /^(SSL_CERT_FILE|SSL_CERT_DIR|CURL_CA_BUNDLE|REQUESTS_CA_BUNDLE|NODE_EXTRA_CA_CERTS|GIT_SSL_CAINFO|CURL_HOME|WGETRC|PGPASSFILE|PGSERVICEFILE|INPUTRC)$/, access: 'read' },
  // Language tool homes, caches and module search paths.
  { name: /^(PYTHONPATH|NODE_PATH|PERL5LIB|PERLLIB|RUBYLIB|GEM_PATH|PKG_CONFIG_PATH|CLASSPATH|MANPATH)$/, access: 'read', list: true },
  // Not JAVA_HOME, GOROOT, PYTHONHOME, VIRTUAL_ENV: like PATH they choose which toolchain runs, not data it reads.
  { name: /^(BUNDLE_GEMFILE|GOENV|PIP_CONFIG_FILE)$/, access: 'read' },
  { name: /^(GOPATH)$/, access: 'write', list: true },
  { name: /^(GOCACHE|GOMODCACHE|CARGO_HOME|CARGO_TARGET_DIR|RUSTUP_HOME|GEM_HOME|BUNDLE_PATH|PIP_CACHE_DIR|PYTHONUSERBASE|UV_CACHE_DIR|YARN_CACHE_FOLDER|PNPM_HOME|COMPOSER_HOME|GRADLE_USER_HOME)$/, access: 'write' },
  { name: /^npm_config_(cache|prefix)$/i, access: 'write' },
  { name: /^npm_config_(userconfig|globalconfig)$/i, access: 'read' },
];

function entryFor(name: string): PathVariable | undefined {
  return pathVariables.find((v) => (typeof v.name === 'string' ? v.name === name : v.name.test(name)));
}

/** The path words in the values of the variables `cmd` sets (a value the analysis cannot see is one unknown path). */
export function variablePathWords(cmd: SimpleCommand): PathWord[] {
  const out: PathWord[] = [];
  for (const { name, value } of variablesSet(cmd)) {
    const entry = entryFor(name);
    if (!entry) continue;
    if (value === undefined) {
      // SECURITY: `read GIT_DIR` / `export GIT_DIR`: the value is unknown, so the path is too.
      out.push({ arg: `${name}=(unknown)`, text: '\u0000', literal: false, access: entry.access, unknowns: [`$${name}`] });
      continue;
    }
    const parts = entry.list ? value.text.split(':') : [value.text];
    for (const text of parts) {
      if (text === '' || (entry.absoluteOnly && value.literal && !text.startsWith('/'))) continue;
      const literal = value.literal || !text.includes('\u0000');
      out.push({ arg: `${name}=${value.raw}`, text, literal, access: entry.access, unknowns: literal ? [] : (value.unknowns ?? []) });
    }
  }
  return out;
}
