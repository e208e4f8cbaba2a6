// `argent config get|validate` and `argent profiles list`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT } from '../errors.js';
import { loadChosenProfile, loadProfile } from '../profile/load.js';
import { chooseProfile, shippedProfileNames, shippedProfilesDir, userConfigPath } from '../profile/locate.js';
import type { Profile } from '../profile/profile.js';
import { fail, parseFlags } from './main.js';

export const configHelp = `Usage: argent config get <key> [--profile P]    print an effective value (e.g. security.mode)
       argent config validate [FILE] [--profile P] check a profile file (default: the chosen profile)

Profile choice: --profile NAME|PATH, then $ARGENT_PROFILE, then ${userConfigPath()}, then "sandboxed".
Exit codes: 0 ok, 2 usage error, invalid config, or unknown key.`;

export const profilesHelp = `Usage: argent profiles list   the shipped profiles, with their mode and description`;

/** The effective configuration as the file format names it (what `config get` reads). */
function effectiveView(p: Profile): Record<string, unknown> {
  return { security: p.security, toolPolicies: p.toolPolicies, sandbox: p.sandbox };
}

function lookup(root: Record<string, unknown>, key: string): { found: boolean; value: unknown; available: string[] } {
  let cur: unknown = root;
  const parts = key.split('.').filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    if (cur === null || typeof cur !== 'object' || !(parts[i]! in (cur as object))) {
      const available = cur !== null && typeof cur === 'object' ? Object.keys(cur as object) : [];
      return { found: false, value: undefined, available: available.map((k) => [...parts.slice(0, i), k].join('.')) };
    }
    cur = (cur as Record<string, unknown>)[parts[i]!];
  }
  return { found: true, value: cur, available: [] };
}

export async function config(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(
    { args: argv, options: { profile: { type: 'string' }, help: { type: 'boolean', short: 'h' } } },
    'argent config',
  );
  const [sub, arg, ...extra] = positionals;
  if (values.help || sub === undefined) {
    process.stdout.write(`${configHelp}\n`);
    return values.help ? EXIT.OK : EXIT.USAGE;
  }
  if (extra.length > 0) fail(`argent config ${sub}: unexpected arguments: ${extra.join(' ')}`);
  if (sub === 'get') {
    if (arg === undefined) fail('argent config get: expected a key such as security.mode', 'argent config get security.mode');
    const { profile } = loadChosenProfile(values.profile);
    const { found, value, available } = lookup(effectiveView(profile), arg);
    if (!found) fail(`argent config get: no key ${JSON.stringify(arg)} in the effective config`, available.length ? `keys here: ${available.join(', ')}` : undefined);
    process.stdout.write(typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? `${value}\n` : `${JSON.stringify(value, null, 2)}\n`);
    return EXIT.OK;
  }
  if (sub === 'validate') {
    const profile = arg !== undefined ? loadProfile(arg) : loadChosenProfile(values.profile).profile;
    process.stdout.write(`valid: ${profile.sources.join(' <- ')} (security.mode ${profile.security.mode}, revision ${profile.revision})\n`);
    return EXIT.OK;
  }
  return fail(`argent config: unknown subcommand ${JSON.stringify(sub)}; expected get or validate`, 'run `argent config --help`');
}

export async function profiles(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags({ args: argv, options: { help: { type: 'boolean', short: 'h' } } }, 'argent profiles');
  if (values.help) {
    process.stdout.write(`${profilesHelp}\n`);
    return EXIT.OK;
  }
  if (positionals[0] !== 'list' || positionals.length > 1) fail('argent profiles: expected `argent profiles list`');
  const chosen = chooseProfile(undefined);
  for (const name of shippedProfileNames()) {
    const p = loadProfile(name);
    const raw = JSON.parse(readFileSync(join(shippedProfilesDir(), `${name}.json`), 'utf8')) as { description?: string };
    const mark = chosen.spec === name ? ` (in use: ${chosen.origin})` : '';
    process.stdout.write(`${name.padEnd(16)} ${p.security.mode.padEnd(13)} ${raw.description ?? ''}${mark}\n`);
  }
  if (chosen.origin !== 'default' && !shippedProfileNames().includes(chosen.spec)) process.stdout.write(`in use: ${chosen.spec} (${chosen.origin})\n`);
  return EXIT.OK;
}
