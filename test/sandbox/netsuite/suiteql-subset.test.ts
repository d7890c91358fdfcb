import { describe, expect, it } from 'vitest';
import { runSubsetQuery } from '../../../src/sandbox/netsuite/suiteql-executor.js';
import { parseSuiteQl, SuiteQlSubsetError } from '../../../src/sandbox/netsuite/suiteql-subset.js';
import type { SandboxItemLocation } from '../../../src/sandbox/netsuite/netsuite-sandbox-store.js';

const at = new Date('2025-03-01T09:30:15Z');

function level(item: string, onHand: number, committed = 0): SandboxItemLocation {
  return {
    item,
    location: '7',
    onHand,
    committed,
    onOrder: 0,
    inTransit: 0,
    lastModified: at,
    lastAvailableChange: at,
  };
}

describe('the sandbox SuiteQL subset', () => {
  it("parses the stock reader's page query", () => {
    const query = parseSuiteQl(
      "SELECT item, quantityonhand AS qty, TO_CHAR(lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS') AS modifiedat " +
        'FROM aggregateItemLocation WHERE location = 7 AND item > -1 AND ' +
        "lastmodifieddate >= TO_DATE('2025-03-01 09:00:00', 'YYYY-MM-DD HH24:MI:SS') ORDER BY item ASC",
    );

    expect(query).toEqual({
      select: [
        { kind: 'column', column: 'item', alias: 'item' },
        { kind: 'column', column: 'quantityonhand', alias: 'qty' },
        { kind: 'to_char', column: 'lastmodifieddate', alias: 'modifiedat' },
      ],
      table: 'aggregateitemlocation',
      where: [
        { kind: 'compare', column: 'location', op: '=', value: { kind: 'integer', value: 7 } },
        { kind: 'compare', column: 'item', op: '>', value: { kind: 'integer', value: -1 } },
        {
          kind: 'compare',
          column: 'lastmodifieddate',
          op: '>=',
          value: { kind: 'datetime', value: new Date('2025-03-01T09:00:00Z') },
        },
      ],
      orderBy: 'item',
    });
  });

  it('refuses OR, a second statement, comments and a string where a number belongs', () => {
    const refused = [
      'SELECT item FROM aggregateItemLocation WHERE location = 7 OR 1 = 1',
      'SELECT item FROM aggregateItemLocation; DELETE FROM item',
      'SELECT item FROM aggregateItemLocation -- all',
      "SELECT item FROM aggregateItemLocation WHERE location = '7'",
      "SELECT TO_CHAR(lastmodifieddate, 'DD/MM/YYYY') FROM aggregateItemLocation",
      'SELECT * FROM aggregateItemLocation',
    ];
    for (const q of refused) expect(() => parseSuiteQl(q)).toThrow(SuiteQlSubsetError);
  });

  it('answers with numbers as strings, leaves null columns out and gives each row links', () => {
    const query = parseSuiteQl(
      'SELECT item, quantityonhand, quantitybackordered, lastmodifieddate FROM aggregateItemLocation ORDER BY item',
    );

    const rows = runSubsetQuery(query, [level('20', 1, 4), level('10', 5)]);

    // Item 20 has 4 committed against 1 on hand: 3 back-ordered. Item 10 has none: null.
    expect(rows).toEqual([
      { links: [], item: '10', quantityonhand: '5', lastmodifieddate: '3/1/2025' },
      {
        links: [],
        item: '20',
        quantityonhand: '1',
        quantitybackordered: '3',
        lastmodifieddate: '3/1/2025',
      },
    ]);
  });

  it('filters by IN and by datetime, and writes TO_CHAR as YYYY-MM-DD HH24:MI:SS', () => {
    const query = parseSuiteQl(
      "SELECT item, TO_CHAR(lastmodifieddate, 'YYYY-MM-DD HH24:MI:SS') AS m FROM aggregateItemLocation " +
        "WHERE item IN (10, 30) AND lastmodifieddate > TO_DATE('2025-03-01 09:30:14', 'YYYY-MM-DD HH24:MI:SS')",
    );

    const rows = runSubsetQuery(query, [level('10', 1), level('20', 1), level('30', 1)]);

    expect(rows).toEqual([
      { links: [], item: '10', m: '2025-03-01 09:30:15' },
      { links: [], item: '30', m: '2025-03-01 09:30:15' },
    ]);
  });

  it('refuses a column or table it does not have, as NetSuite does', () => {
    const noColumn = parseSuiteQl('SELECT lastmodifieddate FROM inventoryitemlocations');
    const noTable = parseSuiteQl('SELECT item FROM inventorybalance');

    expect(() => runSubsetQuery(noColumn, [])).toThrow("Field 'lastmodifieddate'");
    expect(() => runSubsetQuery(noTable, [])).toThrow("Record 'inventorybalance'");
  });
});
