import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';

describe('public API', () => {
  it('exports the engine, the runner, sessions, approvals and the audit log', () => {
    for (const name of ['evaluate', 'loadProfile', 'parseScript', 'runCommand', 'startSession', 'createApprover', 'openAuditLog', 'watchProfile', 'assertProfileSafe']) {
      expect([name, typeof (api as Record<string, unknown>)[name]]).toEqual([name, 'function']);
    }
  });

  it('decides the seeds\' example through the library', () => {
    const e = api.evaluate('rm -rf /tmp/old-files', api.loadProfile('sandboxed'), { cwd: '/tmp' });
    expect([e.decision, e.rules.find((r) => r.decision === 'blocked')?.key]).toEqual(['blocked', 'toolPolicies.exec.blockedPatterns[0]']);
  });
});
