import type {
  BufferRules,
  BufferRulesFile,
} from '../../../src/domain/buffers/buffer-rules-schema.js';
import { parseBufferRules } from '../../../src/domain/buffers/parse-buffer-rules.js';

/** Parses a rules file that a test expects to be valid, failing loudly otherwise. */
export function rulesFrom(file: BufferRulesFile): BufferRules {
  const parsed = parseBufferRules(file);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.rules;
}
