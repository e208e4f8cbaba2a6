// Network off: a server the container itself reaches (the control) is unreachable from a command run
// through argent-run with `sandbox.network: "none"`.
import { describe, inject, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { startHost } from './harness/container.js';
import { profiles } from './harness/profiles.js';

const image = inject('containerImage');
const runId = inject('containerRunId');
const PORT = 7777;

const client = `const net = require('net');
const s = net.connect({ host: process.argv[2], port: Number(process.argv[3]), timeout: 3000 });
s.on('data', (d) => { console.log('GOT ' + String(d).trim()); process.exit(0); });
s.on('error', (e) => { console.log('ERR ' + e.code); process.exit(3); });
s.on('timeout', () => { console.log('ERR TIMEOUT'); process.exit(3); });
`;

describe.skipIf(image === null)('network isolation in a container', () => {
  it('a command cannot reach a server that the container itself reaches', async ({ expect }) => {
    const host = await startHost({ image: image!, runId, profiles: { confined: profiles.confined }, files: { 'client.js': client } });
    try {
      const server = `require('net').createServer((s) => s.end('pong\\n')).listen(${PORT}, '0.0.0.0')`;
      await host.exec(['sh', '-c', `nohup node -e "${server}" >/dev/null 2>&1 &`], 'root');
      const ip = host.container.getIpAddress(host.container.getNetworkNames()[0]!);
      let control = await host.exec(['node', 'client.js', ip, String(PORT)]);
      for (let i = 0; i < 30 && control.exitCode !== 0; i++) {
        await sleep(100);
        control = await host.exec(['node', 'client.js', ip, String(PORT)]);
      }
      const sandboxed = await host.argentRun(`node client.js ${ip} ${PORT}`, { profile: 'confined' });
      expect(
        { control: control.stdout.trim(), sandboxed: sandboxed.exitCode, says: /ERR (ENETUNREACH|EHOSTUNREACH)/.test(sandboxed.output) },
        sandboxed.output,
      ).toEqual({ control: 'GOT pong', sandboxed: 3, says: true });
    } finally {
      await host.stop();
    }
  });
});
