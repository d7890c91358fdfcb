import type { Command } from 'commander';
import { configFromCli } from './config-from-cli.js';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description(
      'apply pending database migrations and exit (serve and demo also do this at start)',
    )
    .action(async (_options: unknown, command: Command) => {
      const config = await configFromCli(command);
      const { openStorage } = await import('../storage/open-storage.js');

      const storage = await openStorage(config.databaseUrl, config.postgres);
      await storage.close();
      process.stdout.write(`migrations applied (${storage.dialect})\n`);
    });
}
