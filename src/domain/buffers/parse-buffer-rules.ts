import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';

import type { BufferRules } from './buffer-rules-schema.js';
import { bufferRulesSchema } from './buffer-rules-schema.js';

/** One problem in a rules file: where (`rules[2].policy.bands[0].bufferUnits`) and what. */
export interface BufferRulesIssue {
  path: string;
  message: string;
}

export type BufferRulesParse =
  { ok: true; rules: BufferRules } | { ok: false; issues: BufferRulesIssue[] };

/** Validates already-decoded rules (from an API body or a parsed file), listing every issue. */
export function parseBufferRules(input: unknown): BufferRulesParse {
  const parsed = bufferRulesSchema.safeParse(input, { reportInput: true });
  if (parsed.success) return { ok: true, rules: parsed.data };
  return { ok: false, issues: parsed.error.issues.flatMap(describeIssue) };
}

/**
 * Decodes and validates the text of a rules file. YAML is a superset of JSON, so one parser
 * reads both; a syntax error is reported at its line and column.
 */
export function parseBufferRulesText(text: string): BufferRulesParse {
  let decoded: unknown;
  try {
    decoded = parseYaml(text);
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    const at = error.linePos?.[0];
    const path = at ? `(line ${at.line}, column ${at.col})` : '(file)';
    return {
      ok: false,
      issues: [{ path, message: error.message.split('\n')[0] ?? error.message }],
    };
  }
  return parseBufferRules(decoded);
}

function describeIssue(issue: z.core.$ZodIssue): BufferRulesIssue[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((name) => ({
      path: formatPath([...issue.path, name]),
      message: `unknown setting '${name}'`,
    }));
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) {
    return [{ path: formatPath(issue.path), message: `required: expected ${issue.expected}` }];
  }
  return [{ path: formatPath(issue.path), message: issue.message }];
}

/** `['rules', 2, 'policy']` → `rules[2].policy`; the empty path is the file itself. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(file)';

  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? String(segment) : `.${String(segment)}`;
  }
  return text;
}
