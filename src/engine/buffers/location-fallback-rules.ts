import type { BufferRules, BufferRulesFile } from '../../domain/buffers/index.js';
import { parseBufferRules } from '../../domain/buffers/index.js';

/**
 * The rules trueshelf follows when none are set: each location's configured `bufferUnits` as a
 * fixed buffer, and none elsewhere. The decision reads the location column directly in that
 * case; these rules exist so the explain route and the preview can say so in the same terms.
 */
export function locationFallbackRules(
  locations: readonly { handle: string; buffer_units: number }[],
): { document: BufferRulesFile; rules: BufferRules } {
  const document: BufferRulesFile = {
    version: 1,
    chainDefault: { id: 'no-rules', policy: { kind: 'fixed', units: 0 } },
    rules: locations
      .filter((location) => location.buffer_units > 0)
      .map((location) => ({
        scope: 'location' as const,
        id: `bufferUnits:${location.handle}`,
        location: location.handle,
        policy: { kind: 'fixed' as const, units: location.buffer_units },
      })),
  };
  const parsed = parseBufferRules(document);
  if (!parsed.ok)
    throw new Error(`fallback rules failed validation: ${JSON.stringify(parsed.issues)}`);
  return { document, rules: parsed.rules };
}
