import { Command } from 'commander';
import { toError, TrueshelfError } from '../shared/error-catalogue.js';
import { registerAttributionCommand } from './attribution-command.js';
import { registerAuditCommand } from './audit-command.js';
import { registerBenchCommand } from './bench-command.js';
import { registerBuffersCommand } from './buffers-command.js';
import { registerCheckCommand } from './check-command.js';
import { registerDemoCommand } from './demo-command.js';
import { registerFeedCommand } from './feed-command.js';
import { registerMigrateCommand } from './migrate-command.js';
import { registerReconcileCommand } from './reconcile-command.js';
import { registerReleaseCommand } from './release-command.js';
import { registerSandboxCommand } from './sandbox-command.js';
import { registerServeCommand } from './serve-command.js';
import { registerSimulateCommand } from './simulate-command.js';
import { registerSyncCommand } from './sync-command.js';

/**
 * The `trueshelf` command tree. Each command lives in its own file, which registers its name,
 * options and help and imports what its action runs inside the action (`await import`): a run
 * then holds its own modules only, not every command's (the server, the sandboxes, the Google
 * client and the simulator held 55 MB under a count import), and `--help` loads none of them.
 */
export function createProgram(): Command {
  const program = new Command()
    .name('trueshelf')
    .description("Makes a retailer's online stock match the physical shelf.")
    .showHelpAfterError()
    .option('--config <file>', 'YAML or JSON configuration file');

  registerServeCommand(program);
  registerDemoCommand(program);
  registerSyncCommand(program);
  registerReleaseCommand(program);
  registerCheckCommand(program);
  registerFeedCommand(program);
  registerReconcileCommand(program);
  registerMigrateCommand(program);
  registerAuditCommand(program);
  registerBuffersCommand(program);
  registerAttributionCommand(program);
  registerSimulateCommand(program);
  registerSandboxCommand(program);
  registerBenchCommand(program);

  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = createProgram();
  try {
    await program.parseAsync(argv);
  } catch (thrown) {
    const error = toError(thrown, 'trueshelf');
    const code = error instanceof TrueshelfError ? ` [${error.code}]` : '';
    process.stderr.write(`trueshelf: ${error.message}${code}\n`);
    process.exitCode = 1;
  }
}
