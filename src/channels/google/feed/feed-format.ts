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
    row: (values, columns) => {
      const fields = columns
        .filter((column) => values[column] !== undefined)
        .map((column) => `      <g:${column}>${escapeXml(values[column] ?? '')}</g:${column}>\n`);
      return `    <item>\n${fields.join('')}    </item>\n`;
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

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => XML_ENTITIES[char] ?? char);
}
