import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { settings } from '../../src/config/settings.js';
import { errorCatalogue } from '../../src/shared/error-catalogue.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

function section(title: string): string {
  const start = readme.indexOf(`## ${title}`);
  if (start < 0) return '';
  const end = readme.indexOf('\n## ', start + 3);
  return readme.slice(start, end < 0 ? undefined : end);
}

describe('the README', () => {
  it('opens with the two command lines that work on a fresh clone', () => {
    const opening = readme.split('\n').slice(0, 6).join('\n');
    expect(opening).toContain('npm ci && npm start');
    expect(opening).toContain('npm ci && npm test');
  });

  it('names every setting, with its environment variable, in the configuration reference', () => {
    const reference = section('Configuration reference');
    const missing = settings.filter(
      (s) => !reference.includes(`\`${s.path}\``) || !reference.includes(`\`${s.env}\``),
    );
    expect(missing.map((s) => s.path)).toEqual([]);
  });

  it('lists every error code with its HTTP status', () => {
    const table = section('Error codes');
    const missing = Object.entries(errorCatalogue).filter(
      ([code, entry]) => !table.includes(`| \`${code}\` | ${entry.status} |`),
    );
    expect(missing.map(([code]) => code)).toEqual([]);
  });
});

describe('the README has no unfilled section', () => {
  it('carries no placeholder line', () => {
    const placeholders = readme.split('\n').filter((line) => /^[A-Z_]{6,}$/.test(line.trim()));
    expect(placeholders).toEqual([]);
  });
});
