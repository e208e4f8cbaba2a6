#!/usr/bin/env node
// `argent`: test commands against the policy, read the effective config, list profiles, read the audit log.
import { EXIT } from '../errors.js';
import { config, profiles } from './config.js';
import { fail, runMain } from './main.js';
import { securityTest } from './security-test.js';

const help = `Usage: argent <command> [options]

Commands:
  security test "<command>"   decide allow / approval-required / blocked, with the rule and why
  config get <key>            print an effective config value (argent config get security.mode)
  config validate [FILE]      check a profile file
  profiles list               list the shipped profiles
  logs                        show the audit log (argent logs --help)
  approvals serve             one approval page for several argent-run sessions (argent approvals --help)

Run \`argent <command> --help\` for each command's options.
Exit codes: 0 ok/allowed, 2 usage or config error, 3 approval required, 4 blocked, 1 internal error.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${help}\n`);
    return command === undefined ? EXIT.USAGE : EXIT.OK;
  }
  if (command === '--version') {
    process.stdout.write('argent-run 0.1.0\n');
    return EXIT.OK;
  }
  if (command === 'security') {
    if (rest[0] === 'test') return securityTest(rest.slice(1));
    if (rest[0] === '--help' || rest[0] === '-h') return securityTest(['--help']);
    return fail(`argent security: expected \`test\`, found ${JSON.stringify(rest[0] ?? '')}`, 'argent security test "rm -rf /tmp/old-files"');
  }
  if (command === 'config') return config(rest);
  if (command === 'profiles') return profiles(rest);
  if (command === 'logs') {
    const { logsCommand } = await import('./logs.js');
    return logsCommand(rest);
  }
  if (command === 'approvals') {
    const { approvalsCommand } = await import('./approvals.js');
    return approvalsCommand(rest);
  }
  return fail(`argent: unknown command ${JSON.stringify(command)}`, 'run `argent --help`');
}

runMain('argent', () => main(process.argv.slice(2)));
