import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { parse as parseYaml } from 'yaml';
import type { BufferRules, BufferRulesIssue } from '../../domain/buffers/index.js';
import { parseBufferRules, parseBufferRulesText } from '../../domain/buffers/index.js';
import { TrueshelfError } from '../../shared/error-catalogue.js';
import type { Database } from '../../storage/database-schema.js';
import { velocityDb } from '../velocity/velocity-database.js';
import { saveChannelPolicies } from './channel-policies-store.js';

/** The rules in force, as written (`document`) and validated (`rules`). */
export interface ActiveBufferRules {
  rules: BufferRules;
  document: unknown;
  version: number;
  source: 'file' | 'api';
  updatedAt: string;
}

const ACTIVE = 'active';
const parsedByVersion = new Map<string, BufferRules>();

/** The rules stored by the last start (from the file) or PUT, or null when none were set. */
export async function activeBufferRules(db: Kysely<Database>): Promise<ActiveBufferRules | null> {
  const row = await velocityDb(db)
    .selectFrom('buffer_rule_sets')
    .selectAll()
    .where('id', '=', ACTIVE)
    .executeTakeFirst();
  if (!row) return null;

  const document: unknown = JSON.parse(row.body);
  const cacheKey = `${row.version}:${row.body}`;
  let rules = parsedByVersion.get(cacheKey);
  if (!rules) {
    rules = validRules(parseBufferRules(document), 'the stored buffer rules');
    parsedByVersion.clear();
    parsedByVersion.set(cacheKey, rules);
  }
  return {
    rules,
    document,
    version: row.version,
    source: row.source === 'file' ? 'file' : 'api',
    updatedAt: row.updated_at,
  };
}

/** Reads and validates a rules file (YAML or JSON); a bad one names every issue. */
export function readBufferRulesFile(path: string): { rules: BufferRules; document: unknown } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (thrown) {
    throw new TrueshelfError(
      'buffer_rules_invalid',
      `cannot read the buffer rules file ${path}`,
      { file: path },
      { cause: thrown },
    );
  }
  const rules = validRules(parseBufferRulesText(text), `buffer rules file ${path}`);
  // Kept as the person wrote it (JSON-compatible), so GET shows their file, not its defaults.
  return { rules, document: parseYaml(text) as unknown };
}

/**
 * Stores `document` as the rules in force, once it validates; a changed document gets a new
 * version (an unchanged one keeps its own, so a restart does not count as an edit). With
 * `file`, the document is written there too (atomically), so a restart keeps the API's edit.
 */
export async function saveBufferRules(
  db: Kysely<Database>,
  document: unknown,
  options: { source: 'file' | 'api'; now: Date; file?: string | undefined },
): Promise<ActiveBufferRules> {
  const rules = validRules(parseBufferRules(document), 'the buffer rules');
  const body = JSON.stringify(document);
  const updatedAt = options.now.toISOString();

  if (options.file !== undefined && options.source === 'api') {
    const temporary = `${options.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(document, null, 2)}\n`);
    renameSync(temporary, options.file);
  }

  const vdb = velocityDb(db);
  await vdb
    .insertInto('buffer_rule_sets')
    .values({ id: ACTIVE, body, version: 1, source: options.source, updated_at: updatedAt })
    .onConflict((oc) =>
      oc
        .column('id')
        .doUpdateSet((eb) => ({
          body,
          source: options.source,
          updated_at: updatedAt,
          version: eb('buffer_rule_sets.version', '+', 1),
        }))
        .where('buffer_rule_sets.body', '<>', body),
    )
    .execute();
  await saveChannelPolicies(db, rules.channels, updatedAt);
  const stored = await activeBufferRules(db);
  return stored ?? { rules, document, version: 1, source: options.source, updatedAt };
}

function validRules(
  parsed: { ok: true; rules: BufferRules } | { ok: false; issues: BufferRulesIssue[] },
  what: string,
): BufferRules {
  if (parsed.ok) return parsed.rules;
  const listed = parsed.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  throw new TrueshelfError('buffer_rules_invalid', `${what} are invalid: ${listed}`, {
    issues: parsed.issues,
  });
}
