/* global URLSearchParams */
import { el, num, when } from './dom-helpers.js';

function channelReason(level) {
  const { decision, setting } = level;
  if (setting === null) return '';
  if (!setting.managed || setting.kind !== 'store') {
    return ' Not a managed store: trueshelf moves nothing in Shopify here; sellable still feeds the API and reports.';
  }
  const targets = `targets in Shopify: ${num(decision.targetSafetyStock)} safety stock, ${num(decision.targetReserved)} reserved`;
  return setting.mode === 'shadow'
    ? ` Shadow mode: ${targets}, recorded and not sent.`
    : ` Publish mode: ${targets}.`;
}

/** The stored decision in one sentence: gross, what was taken off it, and where it goes. */
function decisionSentence(l) {
  if (!l.decision) return `${l.location}: read but not decided yet.`;
  return `${l.location}: gross ${num(l.decision.gross)} (Shopify available ${num(l.available)} + units trueshelf placed: ${num(l.placedSafetyStock)} safety stock, ${num(l.placedReserved)} reserved); sellable = max(0, ${num(l.decision.gross)} − buffer ${num(l.decision.buffer)} − held ${num(l.decision.held)}) = ${num(l.decision.sellable)}.${channelReason(l)} Decided ${when(l.decision.computedAt)}.`;
}

/** The buffer's reasoning from `/dashboard/api/explain`, as a list of sentences. */
function reasoning(x) {
  const lines = [
    x.bufferSource === 'computed'
      ? `Buffer ${num(x.buffer)} from the computed buffer table (set ${when(x.bufferSetAt)}, computed ${when(x.computedAt)}).`
      : `Buffer ${num(x.buffer)} from the location's bufferUnits setting: no buffer has been computed for this level yet.`,
  ];
  if (x.rule?.reason)
    lines.push(`Rule ${x.rule.id ?? ''} (${x.rule.scope ?? ''}): ${x.rule.reason}.`);
  if (typeof x.velocity?.reason === 'string') lines.push(`Velocity: ${x.velocity.reason}`);
  else if (x.velocity?.unavailable) lines.push(`No velocity: ${x.velocity.unavailable}.`);
  if (x.proposedBuffer !== null && x.proposedBuffer !== undefined) {
    const change = typeof x.change?.reason === 'string' ? ` (${x.change.reason})` : '';
    lines.push(`Proposed buffer ${num(x.proposedBuffer)}${change}.`);
  }
  for (const [channel, value] of Object.entries(x.channels ?? {})) {
    lines.push(
      value === null
        ? `${channel}: not decided yet.`
        : `${channel} shows ${num(value.shown)}: ${value.reason}.`,
    );
  }
  return el(
    'ul',
    { 'data-reasoning': x.location },
    lines.map((line) => el('li', { text: line })),
  );
}

/** A disclosure that asks for the level's reasoning each time it is opened. */
function reasoningDetails(api, itemId, location) {
  const body = el('div', { role: 'status', text: 'Open to ask for the reasoning.' });
  const details = el(
    'details',
    { 'data-why': location },
    el('summary', { text: `How the buffer at ${location} was set` }),
    body,
  );
  details.addEventListener('toggle', async () => {
    if (!details.open) return;
    body.textContent = 'Asking…';
    try {
      const query = new URLSearchParams({ item: itemId, location });
      const answer = await api(`/dashboard/api/explain?${query}`);
      body.replaceChildren(
        answer.available ? reasoning(answer.explanation) : el('p', { text: answer.reason }),
      );
    } catch (error) {
      body.textContent = `Could not ask: ${error.message}`;
    }
  });
  return details;
}

/**
 * Why each level's sellable is what it is: the stored decision in a sentence, and under it a
 * disclosure with the buffer's own reasoning (rule, velocity, proposal, channels), fetched
 * when opened. `kept` holds the disclosures across polls, so an open one stays open.
 */
export function bufferExplanation(levels, { api, itemId, kept }) {
  return el(
    'ul',
    {},
    levels.map((l) => {
      if (!kept.has(l.location)) kept.set(l.location, reasoningDetails(api, itemId, l.location));
      return el(
        'li',
        {},
        el('p', { 'data-explain': l.location, text: decisionSentence(l) }),
        kept.get(l.location),
      );
    }),
  );
}
