import { describe, expect, it } from 'vitest';
import {
  defaultNetSuiteBaseUrl,
  toHostAccountId,
  toRealmAccountId,
} from '../../../src/sources/netsuite/account-id.js';
import { NetSuiteError } from '../../../src/sources/netsuite/netsuite-error.js';

describe('account id forms', () => {
  it('the host form is lower case with a hyphen, from either form', () => {
    expect(toHostAccountId('1234567_SB1')).toBe('1234567-sb1');
    expect(toHostAccountId('1234567-sb1')).toBe('1234567-sb1');
    expect(toHostAccountId('TSTDRV123')).toBe('tstdrv123');
  });

  it('the realm form is upper case with an underscore, from either form', () => {
    expect(toRealmAccountId('1234567-sb1')).toBe('1234567_SB1');
    expect(toRealmAccountId('1234567_SB1')).toBe('1234567_SB1');
  });

  it('the default base URL is built from the host form', () => {
    expect(defaultNetSuiteBaseUrl('1234567_SB2')).toBe(
      'https://1234567-sb2.suitetalk.api.netsuite.com',
    );
  });

  it('an id that could point the client at another host is refused', () => {
    for (const bad of ['evil.com/x', '1234567@evil', '', '12 34', '1234567--sb1']) {
      const attempt = () => defaultNetSuiteBaseUrl(bad);
      expect(attempt).toThrow(NetSuiteError);
      expect(attempt).toThrow(expect.objectContaining({ code: 'netsuite_invalid_account_id' }));
    }
  });
});
