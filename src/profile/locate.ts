// Where profiles come from: the shipped profiles/ folder, --profile, ARGENT_PROFILE, and the user's
// config file (XDG). Resolution order: --profile NAME|PATH, then ARGENT_PROFILE, then the user config
// file, then the shipped default ("sandboxed", the seeds' default posture).
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArgentError } from '../errors.js';

export const DEFAULT_PROFILE = 'sandboxed';

/** The package's own profiles/ folder, found from this file in src/ (tests) or dist/src/ (built). */
export function shippedProfilesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'profiles');
    if (existsSync(join(candidate, `${DEFAULT_PROFILE}.json`))) return candidate;
    dir = dirname(dir);
  }
  throw new ArgentError('INTERNAL', 'the shipped profiles/ folder is missing from the installation', {
    hint: 'reinstall argent-run; the package must contain profiles/*.json',
  });
}

export function shippedProfileNames(): string[] {
  return readdirSync(shippedProfilesDir())
    .filter((f) => f.endsWith('.json') && f !== 'schema.json')
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/** The user config file: $XDG_CONFIG_HOME/argent/config.json, else ~/.config/argent/config.json. */
export function userConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(base, 'argent', 'config.json');
}

export function looksLikePath(spec: string): boolean {
  return spec.includes('/') || spec.endsWith('.json') || spec.startsWith('.');
}

/** A profile spec (name or path) to a file path; `relativeTo` is the folder of the file that extends it. */
export function locateProfile(spec: string, relativeTo: string = process.cwd()): string {
  if (looksLikePath(spec)) return resolve(relativeTo, spec);
  if (!/^[A-Za-z0-9_-]+$/.test(spec)) {
    throw new ArgentError('PROFILE_NOT_FOUND', `profile name ${JSON.stringify(spec)} is not valid`, {
      hint: `use a shipped profile (${shippedProfileNames().join(', ')}) or a path to a JSON file`,
    });
  }
  const file = join(shippedProfilesDir(), `${spec}.json`);
  if (!existsSync(file)) {
    throw new ArgentError('PROFILE_NOT_FOUND', `no profile named ${JSON.stringify(spec)}`, {
      hint: `use one of: ${shippedProfileNames().join(', ')}; or give a path to a JSON file`,
    });
  }
  return file;
}

export interface ProfileChoice {
  spec: string;
  /** Where the choice came from, for messages and the audit log. */
  origin: 'flag' | 'env' | 'user-config' | 'default';
}

export function chooseProfile(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): ProfileChoice {
  if (flag !== undefined) return { spec: flag, origin: 'flag' };
  if (env.ARGENT_PROFILE !== undefined && env.ARGENT_PROFILE !== '') return { spec: env.ARGENT_PROFILE, origin: 'env' };
  const user = userConfigPath(env);
  if (existsSync(user)) return { spec: user, origin: 'user-config' };
  return { spec: DEFAULT_PROFILE, origin: 'default' };
}
