import { Help, Option } from 'commander';
import type { Command } from 'commander';
import { SIMULATE_FLAGS } from '../sim/simulate-flags.js';
import { TrueshelfError } from '../shared/error-catalogue.js';

export function registerSimulateCommand(program: Command): void {
  // The flags are parsed by parseSimulateArgs, not by commander; they are listed as options
  // for the help alone, so they share the one Options section with --help.
  const shownFlags = SIMULATE_FLAGS.map(
    (f) => new Option(`--${f.name}${f.value ? ` <${f.value}>` : ''}`, f.description),
  );
  program
    .command('simulate')
    .description(
      "replay store × item × day sales through trueshelf's own decision, buffer and hold rules under each policy; report broken pickup promises",
    )
    .allowUnknownOption(true)
    .helpOption('-h, --help', 'show the simulate options')
    .configureHelp({
      visibleOptions(command) {
        return [...shownFlags, ...Help.prototype.visibleOptions.call(this, command)];
      },
    })
    .usage('[options]')
    .argument('[args...]')
    .action(async (args: string[]) => {
      const { parseSimulateArgs, renderProgressBar, runSimulation, writeSimulationReport } =
        await import('../sim/index.js');

      const parsed = parseSimulateArgs(args);
      if (!parsed.ok) {
        throw new TrueshelfError('invalid_request', `simulate: ${parsed.errors.join('; ')}`, {
          errors: parsed.errors,
        });
      }

      const interactive = process.stderr.isTTY === true;
      const result = await runSimulation({
        ...parsed.options,
        onProgress: (progress) => {
          const line = renderProgressBar(progress);
          if (interactive) process.stderr.write(`\r${line}`);
          else if (progress.day === progress.dayCount) process.stderr.write(`${line}\n`);
        },
      });
      if (interactive) process.stderr.write('\n');

      const written = await writeSimulationReport(result, parsed.outDir);
      process.stdout.write(`report ${written.html}\nfigures ${written.json}\n`);
    });
}
