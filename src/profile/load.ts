// Reading, validating and merging profile files into an effective Profile. Every problem is an
// ArgentError naming the file and key path; nothing falls back to defaults silently.
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ArgentError } from '../errors.js';
import { formatIssues } from './format-issues.js';
import { chooseProfile, locateProfile, type ProfileChoice } from './locate.js';
import { mergeProfiles } from './merge.js';
import { DEFAULT_APPROVAL_TIMEOUT_MS, DEFAULT_LIMITS, type Profile } from './profile.js';
import { profileFileSchema, type ProfileFile } from './schema.js';
import { sha256Hex } from '../util/sha256.js';

const MAX_EXTENDS_DEPTH = 16;

/** Reads and validates one file, without following `extends`. */
export function readProfileFile(file: string): ProfileFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (err as Error).message;
    throw new ArgentError('CONFIG_UNREADABLE', `cannot read profile ${file}: ${reason}`, {
      hint: 'check the path given to --profile or ARGENT_PROFILE',
      cause: err,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ArgentError('CONFIG_INVALID', `profile ${file} is not valid JSON: ${(err as Error).message}`, {
      hint: 'profiles are JSON objects like {"security":{"mode":"sandboxed"}}; comments and trailing commas are not allowed',
      cause: err,
    });
  }
  // jitless: a profile is parsed once per process; zod's JIT would compile (new Function) a parser per
  // object schema first, which costs more than it saves for one parse (~2 ms of a one-shot start).
  const parsed = profileFileSchema.safeParse(json, { jitless: true });
  if (!parsed.success) {
    const problems = formatIssues(file, json, parsed.error.issues);
    throw new ArgentError('CONFIG_INVALID', `profile ${file} is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):`, {
      problems,
      hint: 'run `argent config validate FILE` after fixing; the field reference is in the README',
    });
  }
  return parsed.data;
}

function collect(file: string, chain: string[], sources: string[]): ProfileFile {
  if (chain.includes(file)) {
    throw new ArgentError('CONFIG_INVALID', `profile ${file} extends itself: ${[...chain, file].join(' -> ')}`, {
      hint: 'remove the cycle from the `extends` chain',
    });
  }
  if (chain.length >= MAX_EXTENDS_DEPTH) {
    throw new ArgentError('CONFIG_INVALID', `profile ${file}: extends chain deeper than ${MAX_EXTENDS_DEPTH}`);
  }
  const own = readProfileFile(file);
  const parents = own.extends === undefined ? [] : Array.isArray(own.extends) ? own.extends : [own.extends];
  let merged: ProfileFile = {};
  for (const parent of parents) {
    let parentFile: string;
    try {
      parentFile = locateProfile(parent, dirname(file));
    } catch (err) {
      if (err instanceof ArgentError) {
        throw new ArgentError('CONFIG_INVALID', `profile ${file}: extends: ${err.message}`, { hint: err.hint, cause: err });
      }
      throw err;
    }
    merged = mergeProfiles(merged, collect(parentFile, [...chain, file], sources));
  }
  if (!sources.includes(file)) sources.push(file);
  const { extends: _ignored, ...rest } = own;
  return mergeProfiles(merged, rest);
}

/** Fills every default, so later stages see one complete shape. */
export function toEffective(name: string, sources: string[], file: ProfileFile): Profile {
  const mode = file.security?.mode ?? 'sandboxed';
  const profile: Omit<Profile, 'revision'> = {
    name,
    sources,
    ...(file.description !== undefined ? { description: file.description } : {}),
    security: { mode, approvalTimeoutMs: file.security?.approvalTimeoutMs ?? DEFAULT_APPROVAL_TIMEOUT_MS },
    toolPolicies: file.toolPolicies ?? {},
    sandbox: {
      isolation: file.sandbox?.isolation ?? 'bwrap',
      network: file.sandbox?.network ?? 'none',
      envAllow: file.sandbox?.envAllow ?? [],
      limits: { ...DEFAULT_LIMITS, ...file.sandbox?.limits },
    },
  };
  if (profile.sandbox.isolation === 'none' && mode !== 'unrestricted') {
    // SECURITY: dropping the namespaces is only for trusted environments; refuse it anywhere else.
    throw new ArgentError('CONFIG_INVALID', `profile ${name}: sandbox.isolation "none" requires security.mode "unrestricted", found "${mode}"`, {
      hint: 'remove sandbox.isolation, or set security.mode to "unrestricted" for a trusted development environment',
    });
  }
  const { name: _n, sources: _s, ...content } = profile;
  const revision = sha256Hex(JSON.stringify(content)).slice(0, 12);
  return { ...profile, revision };
}

/** Loads a profile by shipped name or path, following `extends`. */
export function loadProfile(spec: string, relativeTo: string = process.cwd()): Profile {
  const file = locateProfile(spec, relativeTo);
  const sources: string[] = [];
  const merged = collect(file, [], sources);
  return toEffective(spec, sources, merged);
}

/** Loads the profile chosen by --profile, ARGENT_PROFILE, the user config file, or the default. */
export function loadChosenProfile(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): { profile: Profile; choice: ProfileChoice } {
  const choice = chooseProfile(flag, env);
  return { profile: loadProfile(choice.spec), choice };
}
