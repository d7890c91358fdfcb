import type { HoldsBenchRow } from './holds-bench.js';
import { describeClients } from './run-clients.js';

/** Prints each engine and scenario: the five runs and the two ratios against the goal. */
export function describeHoldsBench(
  rows: readonly HoldsBenchRow[],
  clients: number,
  print: (line: string) => void,
): void {
  for (const row of rows) {
    const engine = row.engine === 'sqlite' ? 'SQLite file' : 'PostgreSQL (own schema)';
    print(`${engine}, ${row.scenario}, ${clients} clients:`);
    print(`  bare conditional UPDATE: ${describeClients(row.statement)}`);
    print(`  new-hold step alone:     ${describeClients(row.step)}`);
    print(`  HoldService.place:       ${describeClients(row.service)}`);
    print(`  bare HTTP + UPDATE:      ${describeClients(row.bareHttp)}`);
    print(`  POST /v1/holds:          ${describeClients(row.http)}`);
    if (row.floor) {
      print(
        `  floor (a hold's own rows only, raw statements, 50 a transaction, no service): ${row.floor.perSecond.toFixed(0)}/s (${row.floor.microsPerHold.toFixed(1)} µs a hold), ${ratio(row.floor.perSecond, row.statement.perSecond)} of the bare UPDATE: no hold service on this schema can pass it`,
      );
    }
    print(
      `  ratio service / UPDATE ${ratio(row.service.perSecond, row.statement.perSecond)} (the step alone ${ratio(row.step.perSecond, row.statement.perSecond)}), HTTP / bare HTTP ${ratio(row.http.perSecond, row.bareHttp.perSecond)} (goal ≥ 0.5)`,
    );
  }
}

function ratio(a: number, b: number): string {
  return b > 0 ? (a / b).toFixed(2) : '-';
}
