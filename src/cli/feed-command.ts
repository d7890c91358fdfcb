import { Option } from 'commander';
import type { Command } from 'commander';
import type { GoogleSettingsInput } from '../channels/google/google-settings.js';
import { configFromCli } from './config-from-cli.js';
import type { FeedOptions } from './feed-google.js';

export interface FeedCommandDeps {
  readonly stdout?: { write(text: string): unknown };
  readonly stderr?: { write(text: string): unknown };
  /** Over `config.google`; the tests point it at the sandbox here. */
  readonly google?: GoogleSettingsInput;
  readonly setExitCode?: (code: number) => void;
}

/** `trueshelf feed google`: the full local inventory file, or the setup preflight. */
export function registerFeedCommand(program: Command, deps: FeedCommandDeps = {}): void {
  const stdout = deps.stdout ?? process.stdout;
  const stderr = deps.stderr ?? process.stderr;
  const setExitCode = deps.setExitCode ?? ((code: number) => void (process.exitCode = code));

  const feed = program.command('feed').description('write a channel feed file or check its setup');
  feed
    .command('google')
    .description('the full Google local inventory feed (streamed), or --check the setup first')
    .addOption(new Option('--format <format>', 'file type').choices(['tsv', 'xml']).default('tsv'))
    .option('--out <file>', "where to write the feed ('-' for stdout)")
    .option('--check', 'preflight: products, store codes and registration, before anything is sent')
    .option('--store-codes <codes>', 'comma-separated Business Profile store codes, for --check')
    .option('--probe-limit <n>', 'products looked up in Merchant Center by --check', '200')
    .action(async (options: FeedOptions, command: Command) => {
      const { feedGoogle } = await import('./feed-google.js');

      await feedGoogle(options, await configFromCli(command), {
        stdout,
        stderr,
        google: deps.google,
        setExitCode,
      });
    });
}
