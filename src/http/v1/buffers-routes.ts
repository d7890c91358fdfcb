import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app/app-context.js';
import { activeBufferRules, saveBufferRules } from '../../engine/buffers/buffer-rules-store.js';
import { explainLevel } from '../../engine/buffers/explain-level.js';
import { locationFallbackRules } from '../../engine/buffers/location-fallback-rules.js';
import { googleChannelPolicy } from '../../channels/google/google-target.js';
import { TrueshelfError } from '../../shared/error-catalogue.js';
import { parseQuery } from '../parse-query.js';
import { textParam } from '../query-params.js';
import { assertKnownTargets } from './assert-known-targets.js';

export const explainQuery = z
  .strictObject({
    location: textParam('a location handle', 128),
    item: textParam('an item id').optional(),
    sku: textParam('a SKU').optional(),
  })
  .refine((query) => (query.item === undefined) !== (query.sku === undefined), {
    error: 'exactly one of item or sku',
    path: ['item'],
  });

/**
 * `GET /v1/availability/explain` (read): every number behind one level's sellable and why.
 * `GET /v1/buffers/rules` (read) shows the rules in force, or the locations' `bufferUnits`
 * when none are set; `PUT /v1/buffers/rules` (write) validates and replaces them (and the rules
 * file, when one is configured), and asks for a recompute.
 */
export function registerBuffersRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/availability/explain', { config: { scope: 'read' } }, async (request) => {
    const query = parseQuery(explainQuery, request.query);
    await assertKnownTargets(ctx, { location: query.location, item: query.item });
    const itemId = query.item ?? (await itemForSku(ctx, query.sku ?? ''));

    const outcome = await explainLevel(
      ctx.storage.db,
      { itemId, locationHandle: query.location },
      ctx.config.buffers,
      ctx.clock(),
      googleChannelPolicy(ctx.config.google),
    );
    if (!outcome.ok) {
      throw new TrueshelfError(
        'not_found',
        `item "${itemId}" is not stocked at location "${query.location}"`,
        {
          item: itemId,
          location: query.location,
          expected: 'a level listed by GET /v1/availability',
        },
      );
    }
    return outcome.explanation;
  });

  app.get('/buffers/rules', { config: { scope: 'read' } }, async () => {
    const active = await activeBufferRules(ctx.storage.db);
    if (active) {
      const { document, version, source, updatedAt } = active;
      return { source, version, updatedAt, rules: document };
    }
    const locations = await ctx.storage.db
      .selectFrom('locations')
      .select(['handle', 'buffer_units'])
      .execute();
    return {
      source: 'locations',
      version: 0,
      updatedAt: null,
      rules: locationFallbackRules(locations).document,
    };
  });

  app.put('/buffers/rules', { config: { scope: 'write' } }, async (request) => {
    const saved = await saveBufferRules(ctx.storage.db, request.body ?? null, {
      source: 'api',
      now: ctx.clock(),
      file: ctx.config.buffers.rulesFile,
    });
    ctx.wakeBuffers?.();
    ctx.logger.info({ version: saved.version, by: request.client?.name }, 'buffer rules replaced');
    return {
      source: saved.source,
      version: saved.version,
      updatedAt: saved.updatedAt,
      rules: saved.document,
    };
  });
}

async function itemForSku(ctx: AppContext, sku: string): Promise<string> {
  const items = await ctx.storage.db
    .selectFrom('items')
    .select('id')
    .where('sku', '=', sku)
    .where('deleted_at', 'is', null)
    .limit(2)
    .execute();
  if (items.length === 0) {
    throw new TrueshelfError('unknown_item', `no item with SKU "${sku}"`, {
      parameter: 'sku',
      seen: sku,
      expected: 'a SKU listed by GET /v1/items',
    });
  }
  if (items.length > 1) {
    throw new TrueshelfError('ambiguous_sku', `SKU "${sku}" belongs to more than one item`, {
      parameter: 'sku',
      seen: sku,
      expected: 'an item id (item=...) where a SKU is shared',
    });
  }
  return items[0]!.id;
}
