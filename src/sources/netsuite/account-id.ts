import { NetSuiteError } from './netsuite-error.js';

/*
 * NetSuite writes one account id two ways, and mixing them up is a classic cause of
 * INVALID_LOGIN: the host uses lower case with a hyphen (`1234567-sb1`), the OAuth realm upper
 * case with an underscore (`1234567_SB1`).
 */
const ACCOUNT_ID = /^[0-9A-Za-z]+(?:[-_][0-9A-Za-z]+)*$/;

/** `1234567_SB1` or `1234567-sb1` → `1234567-sb1`, the form in the host name. */
export function toHostAccountId(accountId: string): string {
  return checked(accountId).toLowerCase().replaceAll('_', '-');
}

/** `1234567-sb1` or `1234567_SB1` → `1234567_SB1`, the form in the OAuth 1.0a realm. */
export function toRealmAccountId(accountId: string): string {
  return checked(accountId).toUpperCase().replaceAll('-', '_');
}

/**
 * `https://<host form>.suitetalk.api.netsuite.com`: the production default. Tests and the demo
 * always pass a loopback `baseUrl` instead, so this host is never contacted from here.
 */
export function defaultNetSuiteBaseUrl(accountId: string): string {
  return `https://${toHostAccountId(accountId)}.suitetalk.api.netsuite.com`;
}

function checked(accountId: string): string {
  // The id becomes part of a host name, so anything but letters, digits and single separators
  // (a dot, a slash, an @) could point the client at another host.
  if (!ACCOUNT_ID.test(accountId)) {
    throw new NetSuiteError(
      'netsuite_invalid_account_id',
      `NetSuite account id ${JSON.stringify(accountId)} is not letters and digits with single ` +
        "'-' or '_' separators; copy it from Setup > Company > Company Information",
      { where: 'account id', seen: accountId },
    );
  }
  return accountId;
}
