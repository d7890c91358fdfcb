import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { ChannelPolicies } from '../../domain/buffers/index.js';
import { channelPolicySchema } from '../../domain/buffers/index.js';
import type { Database } from '../../storage/database-schema.js';
import { velocityDb } from '../velocity/velocity-database.js';

/*
 * The rules' channel policies live in two small rows of `buffer_rule_sets` beside the rules:
 * `channels` (in force, written with the rules) and `channels_applied` (what the decisions were
 * last brought in line with). Every decision reads the first, so it stays a few bytes however
 * many override rules the file holds; the recompute compares the two to find a policy change.
 */
const IN_FORCE = 'channels';
const APPLIED = 'channels_applied';

const parsedByBody = new Map<string, ChannelPolicies>();

/** The channel policies in force: `channels` of the buffer rules, none when no rules are set. */
export async function activeChannelPolicies(db: Kysely<Database>): Promise<ChannelPolicies> {
  return channelPoliciesOf(await bodyOf(db, IN_FORCE));
}

/**
 * The stored text of the policies in force, as a scalar subquery for a caller that reads them
 * in a statement of its own (`channelPoliciesOf` parses what it returns).
 */
export const CHANNEL_POLICIES_BODY = sql.raw(
  `(SELECT body FROM buffer_rule_sets WHERE id = '${IN_FORCE}')`,
);

/** The policies the decisions were last refreshed for (none before the first change). */
export async function appliedChannelPolicies(db: Kysely<Database>): Promise<ChannelPolicies> {
  return channelPoliciesOf(await bodyOf(db, APPLIED));
}

/** Stores the rules' channel policies as the ones in force (with the rules, same transaction). */
export async function saveChannelPolicies(
  db: Kysely<Database>,
  policies: ChannelPolicies,
  updatedAt: string,
): Promise<void> {
  await upsert(db, IN_FORCE, policies, updatedAt);
}

/** Records that every decision now reflects `policies`. */
export async function markChannelPoliciesApplied(
  db: Kysely<Database>,
  policies: ChannelPolicies,
  updatedAt: string,
): Promise<void> {
  await upsert(db, APPLIED, policies, updatedAt);
}

/** Whether two sets of channel policies would show the same everywhere. */
export function sameChannelPolicies(a: ChannelPolicies, b: ChannelPolicies): boolean {
  return canonical(a) === canonical(b);
}

async function bodyOf(db: Kysely<Database>, id: string): Promise<string | null> {
  const row = await velocityDb(db)
    .selectFrom('buffer_rule_sets')
    .select('body')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.body ?? null;
}

/** The policies of a stored body, as `CHANNEL_POLICIES_BODY` reads it (null: no rules set). */
export function channelPoliciesOf(body: string | null): ChannelPolicies {
  if (body === null) return {};
  const cached = parsedByBody.get(body);
  if (cached) return cached;

  // Written by this module from validated rules; a row that no longer parses shows nothing new.
  const raw = JSON.parse(body) as Record<string, unknown>;
  const policies: Record<string, ReturnType<typeof channelPolicySchema.parse>> = {};
  for (const [channel, policy] of Object.entries(raw)) {
    const parsed = channelPolicySchema.safeParse(policy);
    if (parsed.success) policies[channel] = parsed.data;
  }
  if (parsedByBody.size > 16) parsedByBody.clear();
  parsedByBody.set(body, policies);
  return policies;
}

async function upsert(
  db: Kysely<Database>,
  id: string,
  policies: ChannelPolicies,
  updatedAt: string,
): Promise<void> {
  const body = canonical(policies);
  await velocityDb(db)
    .insertInto('buffer_rule_sets')
    .values({ id, body, version: 1, source: 'rules', updated_at: updatedAt })
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet((eb) => ({
          body,
          updated_at: updatedAt,
          version: eb('buffer_rule_sets.version', '+', 1),
        }))
        .where('buffer_rule_sets.body', '<>', body),
    )
    .execute();
}

/** Channels sorted, each policy's parts in one order, so equal policies have equal text. */
function canonical(policies: ChannelPolicies): string {
  const sorted = Object.keys(policies)
    .sort()
    .map((channel) => {
      const { zeroAtOrBelow, maxShown } = policies[channel] ?? {};
      return [channel, { zeroAtOrBelow, maxShown }] as const;
    });
  return JSON.stringify(Object.fromEntries(sorted));
}
