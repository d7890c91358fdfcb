import type { Command } from 'commander';
import type { TrueshelfConfig } from '../config/config-schema.js';
import { loadConfig } from '../config/load-config.js';

/** Defaults < --config file < environment < the flags this command was given. */
export function configFromCli(
  command: Command,
  flags: Record<string, unknown> = {},
): Readonly<TrueshelfConfig> {
  const globals = command.optsWithGlobals<{ config?: string }>();
  return loadConfig({
    ...(globals.config ? { file: globals.config } : {}),
    env: process.env,
    flags,
  });
}
