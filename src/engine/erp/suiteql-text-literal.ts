import { NetSuiteError } from '../../sources/netsuite/netsuite-error.js';

// No quote, backslash or space can pass, so the literal cannot end early or carry SQL.
const PLAIN_TEXT = /^[A-Za-z0-9._:-]{1,200}$/;

/**
 * An external id quoted for SuiteQL (`'shopify-1001'`). SuiteQL over REST takes no bind
 * parameters; the client's own literal checks allow integers and timestamps only, and external
 * ids are text, so this check admits plain id characters and nothing else.
 */
export function suiteQlTextLiteral(value: string, where: string): string {
  if (!PLAIN_TEXT.test(value)) {
    throw new NetSuiteError(
      'netsuite_unsafe_literal',
      `refused to inline ${JSON.stringify(value.slice(0, 60))} into SuiteQL as ${where}; ` +
        'expected letters, digits and . _ : - (at most 200)',
      { where, seen: value },
    );
  }
  return `'${value}'`;
}
