import type { FeedColumn } from './feed-columns.js';

/** The text around and between rows for one file type. */
export interface FeedFormat {
  opening(columns: readonly FeedColumn[]): string;
  row(values: Partial<Record<FeedColumn, string>>, columns: readonly FeedColumn[]): string;
  closing(): string;
}

export interface FeedChannelInfo {
  readonly title: string;
  readonly link: string;
  readonly description: string;
}

/* Tab-separated, one header line, a blank cell for an unused column. The validator has already
 * refused tabs and line breaks inside values, so no quoting is needed (Google's TSV has none). */
export const tsvFeedFormat: FeedFormat = {
  opening: (columns) => `${columns.join('\t')}\n`,
  row: (values, columns) => `${columns.map((column) => values[column] ?? '').join('\t')}\n`,
  closing: () => '',
};

/** RSS 2.0 with Google's `g:` namespace, one `<item>` per row with only the fields it has. */
export function xmlFeedFormat(channel: FeedChannelInfo): FeedFormat {
  return {
    opening: () =>
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<rss xmlns:g="http://base.google.com/ns/1.0" version="2.0">\n' +
      '  <channel>\n' +
      `    <title>${escapeXml(channel.title)}</title>\n` +
      `    <link>${escapeXml(channel.link)}</link>\n` +
      `    <description>${escapeXml(channel.description)}</description>\n`,
    // Built by appending, with no arrays per row: filter, map and join made a sixth of the
    // garbage of a 1,000,000-row XML feed (bench/google-feed-bench.ts, scavenges counted).
    row: (values, columns) => {
      let item = '    <item>\n';
      for (const column of columns) {
        const value = values[column];
        if (value === undefined) continue;
        item += `      <g:${column}>${escapeXml(value)}</g:${column}>\n`;
      }
      return `${item}    </item>\n`;
    },
    closing: () => '  </channel>\n</rss>\n',
  };
}

const XML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

const XML_SPECIAL = /[&<>"']/;

export function escapeXml(text: string): string {
  // Most values have nothing to escape; testing first spares a replace per field.
  if (!XML_SPECIAL.test(text)) return text;
  return text.replace(/[&<>"']/g, (char) => XML_ENTITIES[char] ?? char);
}
