// Exit 0 when node_modules already holds exactly what `npm ci` would install, so a re-run of
// scripts/setup.sh leaves a good install alone (npm ci always deletes node_modules first, which breaks
// anything running from it at that moment). Compares content, not mtimes: every package of
// package-lock.json must be installed at the same version and integrity (npm records what it
// installed in node_modules/.package-lock.json), nothing else may be, and package.json's dependency
// ranges must be the ones the lockfile was made from. Prints the first differences otherwise.
import { readFileSync } from 'node:fs';

function read(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

const lock = read('package-lock.json');
const installed = read('node_modules/.package-lock.json');
const pkg = read('package.json');
const why = [];
if (!lock || !pkg) why.push('package.json or package-lock.json is missing or not JSON');
else if (!installed) why.push('node_modules/.package-lock.json is missing (no npm install yet)');
else {
  const same = (a, b) => a.version === b.version && (a.integrity ?? a.resolved ?? '') === (b.integrity ?? b.resolved ?? '');
  for (const [path, meta] of Object.entries(lock.packages)) {
    if (path === '') continue;
    const have = installed.packages[path];
    // Optional packages for another platform are legitimately absent.
    if (!have) {
      if (!meta.optional) why.push(`${path} is not installed`);
    } else if (!same(have, meta)) why.push(`${path} is ${have.version}, the lockfile wants ${meta.version}`);
  }
  for (const path of Object.keys(installed.packages)) if (!(path in lock.packages)) why.push(`${path} is not in the lockfile`);
  const root = lock.packages[''] ?? {};
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    const want = pkg[field] ?? {};
    const locked = root[field] ?? {};
    for (const name of new Set([...Object.keys(want), ...Object.keys(locked)])) {
      if (want[name] !== locked[name]) why.push(`package.json ${field}.${name} (${want[name]}) differs from the lockfile (${locked[name]})`);
    }
  }
}
if (why.length > 0) {
  console.log(why.slice(0, 5).join('\n') + (why.length > 5 ? `\n... and ${why.length - 5} more` : ''));
  process.exit(1);
}
