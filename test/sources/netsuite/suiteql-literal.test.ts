import { describe, expect, it } from 'vitest';
import { NetSuiteError } from '../../../src/sources/netsuite/netsuite-error.js';
import { suiteQlInteger, suiteQlTimestamp } from '../../../src/sources/netsuite/suiteql-literal.js';

function refusal(attempt: () => unknown): NetSuiteError {
  try {
    attempt();
  } catch (thrown) {
    if (thrown instanceof NetSuiteError) return thrown;
    throw thrown;
  }
  throw new Error('expected a refusal');
}

describe('integer literals for SuiteQL', () => {
  it('safe decimal integer strings pass unchanged', () => {
    for (const ok of ['0', '7', '42', '-1', '9007199254740991']) {
      expect(suiteQlInteger(ok, 'location id')).toBe(ok);
    }
  });

  it('injection attempts are refused', () => {
    const attempts = [
      '5 OR 1=1',
      '5; DELETE FROM item',
      '5 --',
      "5' OR '1'='1",
      '5)',
      '5/**/',
      ' 5',
      '5\n',
    ];
    for (const attempt of attempts) {
      expect(refusal(() => suiteQlInteger(attempt, 'location id')).code).toBe(
        'netsuite_unsafe_literal',
      );
    }
  });

  it('numbers that are not plain safe decimal integers are refused', () => {
    const attempts = ['', '+5', '05', '-0', '1.0', '1e3', '0x10', '9007199254740992', '١٢'];
    for (const attempt of attempts) {
      expect(() => suiteQlInteger(attempt, 'item key')).toThrow(NetSuiteError);
    }
  });

  it('anything but a string is refused, even a safe number', () => {
    for (const attempt of [5, 5n, null, undefined, { toString: () => '5' }, ['5']]) {
      expect(() => suiteQlInteger(attempt, 'item key')).toThrow(NetSuiteError);
    }
  });

  it('the refusal says what was seen and where', () => {
    const error = refusal(() => suiteQlInteger('5 OR 1=1', 'location id'));

    expect(error.message).toContain('"5 OR 1=1"');
    expect(error.message).toContain('location id');
    expect(error.facts).toMatchObject({ where: 'location id', seen: 'the string "5 OR 1=1"' });
  });
});

describe('timestamp literals for SuiteQL', () => {
  it('a real YYYY-MM-DD HH24:MI:SS timestamp passes unchanged', () => {
    expect(suiteQlTimestamp('2024-02-29 23:59:59', 'since')).toBe('2024-02-29 23:59:59');
  });

  it('a quote, a date that does not exist or another layout is refused', () => {
    const attempts = [
      "2025-03-01 10:00:00') OR ('1'='1",
      '2025-02-29 10:00:00',
      '2025-03-01 24:00:00',
      '2025-03-01T10:00:00',
      '2025-03-01',
    ];
    for (const attempt of attempts) {
      expect(() => suiteQlTimestamp(attempt, 'since')).toThrow(NetSuiteError);
    }
  });
});
