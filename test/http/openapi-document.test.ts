import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { openApiDocument } from '../../src/http/openapi-document.js';
import { availabilityQuery } from '../../src/http/v1/availability-route.js';
import { deliveriesQuery } from '../../src/http/v1/deliveries-routes.js';
import { itemsQuery } from '../../src/http/v1/items-route.js';
import { locationsQuery } from '../../src/http/v1/locations-route.js';
import { movementsQuery } from '../../src/http/v1/movements-route.js';
import { outboxQuery } from '../../src/http/v1/outbox-routes.js';
import { startTestServer } from './http-test-context.js';
import type { TestServer } from './http-test-context.js';

/**
 * `printRoutes({ commonPrefix: false })` draws a tree, four columns per level, each line one path
 * segment with its methods: `│   └── /:id/replay (POST)`. This rebuilds the full paths.
 */
function registeredRoutes(tree: string): { method: string; path: string }[] {
  const routes: { method: string; path: string }[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:│ {3}| {4})*)(?:├── |└── )(\S+)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    const path = (depth > 0 ? (stack[depth - 1] ?? '') : '') + (match[2] ?? '');
    stack[depth] = path;
    stack.length = depth + 1;
    for (const method of (match[3] ?? '').split(', ').filter(Boolean)) {
      if (method !== 'HEAD') routes.push({ method: method.toLowerCase(), path });
    }
  }
  return routes;
}

/** Fastify's `/:id` is OpenAPI's `/{id}`. */
function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z]+)/g, '{$1}');
}

describe('the OpenAPI document', () => {
  let t: TestServer;
  let routes: { method: string; path: string }[];
  beforeAll(async () => {
    t = await startTestServer();
    routes = registeredRoutes(t.server.printRoutes({ commonPrefix: false }));
  });
  afterAll(async () => {
    await t.close();
  });

  it('is served at /openapi.json as OpenAPI 3.1', async () => {
    const response = await t.server.inject({ method: 'GET', url: '/openapi.json' });

    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ openapi: '3.1.0', info: { title: 'trueshelf' } });
  });

  it('finds the routes the server registered (the parser itself works)', () => {
    expect(routes).toContainEqual({ method: 'get', path: '/v1/availability' });
    expect(routes).toContainEqual({ method: 'post', path: '/v1/deliveries/:id/replay' });
    expect(routes).toContainEqual({
      method: 'post',
      path: '/v1/outbox/:channel/:item/:location/replay',
    });
    expect(routes.filter((r) => r.path.startsWith('/v1/')).length).toBeGreaterThanOrEqual(8);
  });

  it('describes every route the server registers, /v1 included, with its method', () => {
    // The dashboard's pages and its session-bound calls are the web app, not the API.
    const api = routes.filter(
      (route) => route.path !== '/' && !route.path.startsWith('/dashboard'),
    );
    const undocumented = api.filter((route) => {
      const item = openApiDocument.paths[openApiPath(route.path)] as
        Record<string, unknown> | undefined;
      return item?.[route.method] === undefined;
    });

    expect(undocumented).toEqual([]);
  });

  it('describes no route the server does not have', () => {
    const registered = new Set(routes.map((r) => `${r.method} ${openApiPath(r.path)}`));
    const documented = Object.entries(openApiDocument.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method} ${path}`),
    );

    expect(documented.filter((entry) => !registered.has(entry))).toEqual([]);
  });

  it("lists exactly each endpoint's query parameters as its schema accepts them", () => {
    const schemas: Record<string, z.ZodObject> = {
      '/v1/locations': locationsQuery,
      '/v1/items': itemsQuery,
      '/v1/availability': availabilityQuery,
      '/v1/movements': movementsQuery,
      '/v1/deliveries': deliveriesQuery,
      '/v1/outbox': outboxQuery,
    };

    for (const [path, schema] of Object.entries(schemas)) {
      const documented = (openApiDocument.paths[path]?.get?.parameters ?? [])
        .filter((p) => p.in === 'query')
        .map((p) => p.name)
        .sort();
      expect({ path, params: documented }).toEqual({
        path,
        params: Object.keys(schema.shape).sort(),
      });
    }
  });

  it('has a component schema for every $ref it uses', () => {
    const refs = [
      ...JSON.stringify(openApiDocument).matchAll(/"#\/components\/(schemas|responses)\/(\w+)"/g),
    ];
    const missing = refs.filter(
      ([, kind, name]) => !(name! in openApiDocument.components[kind as 'schemas' | 'responses']),
    );

    expect(refs.length).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  });
});
