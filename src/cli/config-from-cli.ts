import type { Command } from 'commander';
import type { TrueshelfConfig } from '../config/config-schema.js';

/**
 * Defaults < --config file < environment < the flags this command was given. The loader (its
 * schema and YAML parser) is imported here, when a command runs, so `--help` does without it.
 */
export async function configFromCli(
  command: Command,
  flags: Record<string, unknown> = {},
): Promise<Readonly<TrueshelfConfig>> {
  const { loadConfig } = await import('../config/load-config.js');

  const globals = command.optsWithGlobals<{ config?: string }>();
  return loadConfig({
    ...(globals.config ? { file: globals.config } : {}),
    env: process.env,
    flags,
  });
}
