import type { SimulationProgress } from './simulation-options.js';

/**
 * One line for a terminal progress bar (the CLI writes it after `\r`):
 * `[████████░░░░░░░░] 52 % webhooks_buffers (3/5) day 14/28, 6,512,344 events`.
 */
export function renderProgressBar(progress: SimulationProgress, width = 24): string {
  const total = progress.policyCount * progress.dayCount;
  const done = progress.policyIndex * progress.dayCount + progress.day;
  const share = total === 0 ? 1 : done / total;
  const filled = Math.round(share * width);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
  const policy = `${progress.policy} (${progress.policyIndex + 1}/${progress.policyCount})`;
  const events = progress.eventsSimulated.toLocaleString('en-US');
  const day = `day ${progress.day}/${progress.dayCount}`;
  return `[${bar}] ${Math.floor(share * 100)} % ${policy} ${day}, ${events} events`;
}
