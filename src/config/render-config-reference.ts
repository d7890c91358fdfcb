import { settings } from './settings.js';

/** The README's configuration table, from the one list of settings. */
export function renderConfigReference(): string {
  const rows = settings.map((s) => {
    const fallback = s.default === undefined ? '' : `\`${String(s.default)}\``;
    const secret = s.secret ? ' (secret: never logged)' : '';
    return `| \`${s.path}\` | \`${s.env}\` | ${fallback} | ${s.description}${secret} |`;
  });
  return [
    '| setting | environment | default | what it does |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
