import { createReadStream, readFileSync } from 'node:fs';
// Loaded for their weight only, as `trueshelf audit import` loads them before its first line:
// the command tree (every command's registration, none of their actions), the config loader
// and the registry sync its action runs first.
import '../src/cli/main.js';
import '../src/config/load-config.js';
import '../src/engine/registry/sync-registry.js';
import { buildAuditReport } from '../src/reports/audit/build-audit-report.js';
import { importCounts } from '../src/sources/counts/import-counts.js';
import { openStorage } from '../src/storage/open-storage.js';

/** What the child prints, as one JSON line on stdout. Memory in MiB, times in seconds. */
export interface AuditChildFigures {
  lines: number;
  /** From the process's start to the import's first line: Node, tsx, the CLI's modules, the
   * database. */
  startupSeconds: number;
  /** Resident set once started, before the import: the floor every figure below stands on. */
  startRssMb: number;
  importSeconds: number;
  importCpuSeconds: number;
  /** The kernel's high-water mark of this process's resident set when the import returned. */
  importPeakRssMb: number;
  reportSeconds: number;
  /** The same high-water mark after the report, which runs after the import in this process. */
  reportPeakRssMb: number;
}

/**
 * The audit bench's import, in a process of its own as a user runs it: the parent seeded the
 * books and wrote the file, so nothing of theirs is in this resident set, and the modules are
 * those `trueshelf audit import` loads. Not the CLI itself: it does not report the import's
 * time and memory apart from its start-up.
 *
 * `node --import tsx bench/audit-bench-child.ts DB CSV GHOST_UNITS`. Throws (exit code 1) if
 * the reconciliation is wrong: the ghost units differ from GHOST_UNITS, or units were found.
 */
async function main(args: readonly string[]): Promise<void> {
  const [database, file, ghostArg] = args;
  const ghosts = Number(ghostArg);
  if (!database || !file || !Number.isInteger(ghosts)) {
    throw new Error(`usage: audit-bench-child.ts DB CSV GHOST_UNITS (given: ${args.join(' ')})`);
  }

  const storage = await openStorage(`sqlite:${database}`);
  try {
    const startupSeconds = performance.now() / 1000;
    const startRssMb = memoryStatus().rssMb;

    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const result = await importCounts(storage, createReadStream(file), {
      clock: () => new Date('2026-03-02T08:00:00.000Z'),
      sourceName: 'bench.csv',
    });
    const importSeconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const importPeakRssMb = memoryStatus().peakRssMb;

    // The sales after the count (every tenth level) must not be mistaken for variance.
    if (!result.ok || result.summary.ghostUnits !== ghosts || result.summary.foundUnits !== 0) {
      throw new Error(
        `the audit bench reconciled wrongly (expected ${ghosts} ghost units and no found units): ${JSON.stringify(result.ok ? result.summary : result)}`,
      );
    }

    const reportStarted = performance.now();
    await buildAuditReport(storage, { clock: () => new Date('2026-03-02T09:00:00.000Z') });
    const reportSeconds = (performance.now() - reportStarted) / 1000;

    const figures: AuditChildFigures = {
      lines: result.lines,
      startupSeconds,
      startRssMb,
      importSeconds,
      importCpuSeconds: (cpu.user + cpu.system) / 1e6,
      importPeakRssMb,
      reportSeconds,
      reportPeakRssMb: memoryStatus().peakRssMb,
    };
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } finally {
    await storage.close();
  }
}

/**
 * VmRSS and VmHWM from /proc. Not `process.resourceUsage().maxRSS`: Linux carries the
 * high-water mark of the forked parent across exec into it, so a child of the seeding process
 * would report the parent's 200+ MB (seen on this machine: 311 MB for a child whose VmHWM was 40).
 */
function memoryStatus(): { rssMb: number; peakRssMb: number } {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kib = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
    if (!match?.[1]) throw new Error(`/proc/self/status has no ${field} line`);
    return Number(match[1]);
  };
  return { rssMb: kib('VmRSS') / 1024, peakRssMb: kib('VmHWM') / 1024 };
}

await main(process.argv.slice(2));
