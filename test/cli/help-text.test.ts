import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createProgram } from '../../src/cli/main.js';

/** Every command in the tree, with its path from the root: `trueshelf sync shopify`. */
function everyCommand(command: Command, path: string[] = []): [string, Command][] {
  const here = [...path, command.name()];
  return [
    [here.join(' '), command],
    ...command.commands.flatMap((child) => everyCommand(child, here)),
  ];
}

/** What `--help` prints, the text added before and after the generated help included. */
function helpOf(command: Command): string {
  let text = '';
  command.configureOutput({ writeOut: (chunk) => (text += chunk) });
  command.outputHelp();
  return text;
}

/** The section headings of a help text: lines like `Options:` that start at column 0. */
function headings(help: string): string[] {
  return help.split('\n').filter((line) => /^[A-Z][A-Za-z ]*:$/.test(line));
}

describe('trueshelf --help', () => {
  const commands = everyCommand(createProgram());

  it('walks the whole command tree, nested commands included', () => {
    const names = commands.map(([name]) => name);
    expect(names).toContain('trueshelf simulate');
    expect(names).toContain('trueshelf sync shopify');
    expect(names).toContain('trueshelf audit import');
  });

  it.each(commands)('%s shows each help section once', (_name, command) => {
    const sections = headings(helpOf(command));

    expect(sections).toContain('Options:');
    expect(sections).toEqual([...new Set(sections)]);
  });

  it('simulate lists its own flags and --help under the one Options heading', () => {
    const simulate = commands.find(([name]) => name === 'trueshelf simulate')![1];
    const help = helpOf(simulate);
    const options = help.slice(help.indexOf('Options:'));

    expect(options).toContain('--sales <FILE>');
    expect(options).toContain('--holds <KIND>');
    expect(options).toContain('-h, --help');
  });
});
