import { describe, expect, it } from 'vitest';
import { isDroppableSchema, newTestRunId, testSchemaName } from '../support/test-schema-name.js';

describe('test schema names', () => {
  const now = Date.UTC(2026, 11, 4, 2, 0, 0);
  const run = newTestRunId(now);

  it('a run drops its own schemas', () => {
    expect(isDroppableSchema(testSchemaName(run), run, now)).toBe(true);
  });

  it('a run keeps the schemas of another run that started an hour ago', () => {
    const other = newTestRunId(now - 60 * 60 * 1000);

    expect(isDroppableSchema(testSchemaName(other), run, now)).toBe(false);
  });

  it('a run drops the schemas of a run that started four hours ago', () => {
    const abandoned = newTestRunId(now - 4 * 60 * 60 * 1000);

    expect(isDroppableSchema(testSchemaName(abandoned), run, now)).toBe(true);
  });

  it('a schema that is not a test schema is never dropped', () => {
    expect(isDroppableSchema('t_customers', run, now)).toBe(false);
    expect(isDroppableSchema('bench_holds_1', run, now)).toBe(false);
  });
});
