// Writes outside allowedPaths from code the static layer cannot see into (scripts in the working root,
// run by python3, node and perl), and a symlink out of the working root: the OS layer must stop them,
// checked from outside the sandbox. A write inside the working root is the control: it must land.
import { describe, inject, it } from 'vitest';
import { WORKDIR, startHost } from './harness/container.js';
import { profiles } from './harness/profiles.js';

const image = inject('containerImage');
const runId = inject('containerRunId');

/** Targets `argent` may write in the container outside the sandbox: only the sandbox stops these. */
const OUTSIDE = ['/var/tmp/escape', '/home/argent/escape', '/tmp/escape', '/dev/shm/escape'];
const INSIDE = `${WORKDIR}/inside.txt`;
const TARGETS = [...OUTSIDE, INSIDE];

const scripts: Record<string, { file: string; run: string; source: string }> = {
  python3: {
    file: 'w.py',
    run: 'python3 w.py',
    source: `import sys\nfor p in sys.argv[1:] or ${JSON.stringify(TARGETS)}:\n    try:\n        open(p, 'w').write('x')\n        print('wrote', p)\n    except OSError as e:\n        print('denied', p, e.strerror)\n`,
  },
  node: {
    file: 'w.js',
    run: 'node w.js',
    source: `const fs = require('fs');\nfor (const p of ${JSON.stringify(TARGETS)}) {\n  try { fs.writeFileSync(p, 'x'); console.log('wrote', p); }\n  catch (e) { console.log('denied', p, e.code); }\n}\n`,
  },
  perl: {
    file: 'w.pl',
    run: 'perl w.pl',
    source: `for my $p (${TARGETS.map((t) => `'${t}'`).join(', ')}) {\n  if (open(my $fh, '>', $p)) { print $fh 'x'; close $fh; print "wrote $p\\n"; }\n  else { print "denied $p $!\\n"; }\n}\n`,
  },
};

describe.skipIf(image === null).concurrent('filesystem confinement in a container', () => {
  it.for(Object.entries(scripts))('a %s script writes inside the working root and nowhere outside it', async ([, script], { expect }) => {
    const host = await startHost({ image: image!, runId, profiles: { confined: profiles.confined }, files: { [script.file]: script.source } });
    try {
      // Outside the sandbox the same user CAN write every target: only argent-run can stop it.
      const res = await host.argentRun(script.run, { profile: 'confined' });
      expect({ exitCode: res.exitCode, exists: await host.existing(TARGETS) }, res.output).toEqual({ exitCode: 0, exists: [INSIDE] });
    } finally {
      await host.stop();
    }
  });

  it('a symlink from the working root to a writable folder outside cannot be written through', async ({ expect }) => {
    const host = await startHost({
      image: image!,
      runId,
      profiles: { confined: profiles.confined },
      files: { 's.py': "open('link/pwned', 'w').write('x')\n" },
    });
    try {
      const prep = await host.sh(`mkdir /var/tmp/target && ln -s /var/tmp/target ${WORKDIR}/link`);
      expect(prep.exitCode, prep.output).toBe(0);
      // The static layer resolves the symlink and refuses a direct write...
      const direct = await host.argentRun('echo x > link/pwned', { profile: 'confined' });
      // ...and a script it cannot see into fails at the OS layer.
      const script = await host.argentRun('python3 s.py', { profile: 'confined' });
      expect(
        { direct: direct.exitCode, script: script.exitCode !== 0, exists: await host.existing(['/var/tmp/target/pwned']) },
        `${direct.output}\n${script.output}`,
      ).toEqual({ direct: 126, script: true, exists: [] });
    } finally {
      await host.stop();
    }
  });
});
