import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { refuseNulText } from '../../../src/http/v1/refuse-nul-text.js';
import { TrueshelfError } from '../../../src/shared/error-catalogue.js';

/** The request's three parts, as fastify hands them to the hook. */
function requestWith(parts: { params?: unknown; query?: unknown; body?: unknown }) {
  return { params: {}, query: {}, body: undefined, ...parts } as unknown as FastifyRequest;
}

function refusalOf(parts: { params?: unknown; query?: unknown; body?: unknown }) {
  try {
    refuseNulText(requestWith(parts));
  } catch (thrown) {
    if (!(thrown instanceof TrueshelfError)) throw thrown;
    return { code: thrown.code, message: thrown.message, field: thrown.details['field'] };
  }
  return null;
}

describe('text holding U+0000 refused at the edge', () => {
  it('lets a hold body without it through', () => {
    const body = {
      cartId: 'cart-1',
      lines: [{ item: 'tee', location: 'downtown', quantity: 1 }, null, true, 2.5],
      ttlSeconds: 600,
    };

    expect(refusalOf({ params: { id: 'h-1' }, query: { cart: 'c' }, body })).toBeNull();
  });

  it.each([
    [
      'a value in a line',
      { body: { cartId: 'c', lines: [{ item: 'tee\u0000', location: 'x' }] } },
      { message: 'body lines.0.item holds the NUL character', field: 'body.lines.0.item' },
    ],
    [
      'a key in a line',
      { body: { cartId: 'c', lines: [{ ['it\u0000em']: 'tee' }] } },
      {
        message: 'body lines.0.it\u0000em holds the NUL character',
        field: 'body.lines.0.it\u0000em',
      },
    ],
    [
      'the body itself',
      { body: 'text\u0000' },
      { message: 'body  holds the NUL character', field: 'body' },
    ],
    [
      'a query parameter',
      { query: { cart: 'c\u0000' }, body: { cartId: 'c\u0000' } },
      { message: 'query cart holds the NUL character', field: 'query.cart' },
    ],
    [
      'a path parameter, before the query and body',
      { params: { id: '\u0000' }, query: { cart: '\u0000' } },
      { message: 'path id holds the NUL character', field: 'path.id' },
    ],
    [
      'the last of two fields, which is looked at first',
      { body: { a: 'one\u0000', b: ['two\u0000'] } },
      { message: 'body b.0 holds the NUL character', field: 'body.b.0' },
    ],
  ])('names %s', (_case, parts, expected) => {
    expect(refusalOf(parts)).toEqual({ code: 'invalid_request', ...expected });
  });

  it('walks a body nested 20,000 levels deep without overflowing the stack', () => {
    let deep: unknown = 'bottom\u0000';
    for (let level = 0; level < 20_000; level += 1) deep = { next: deep };

    expect(refusalOf({ body: deep })?.field).toMatch(/^body\.next(\.next)*$/);
  });

  it('looks at no more than 200,000 values of one body', () => {
    const wide = { values: Array.from({ length: 250_000 }, (_, i) => (i === 0 ? '\u0000' : 'x')) };

    // The walk takes the list from its end, so the NUL at its start is past the limit.
    expect(refusalOf({ body: wide })).toBeNull();
    expect(refusalOf({ body: { values: ['\u0000', ...wide.values.slice(1, 1000)] } })?.field).toBe(
      'body.values.0',
    );
  });
});
