import { describe, expect, it } from 'vitest';

import { renderProgressBar } from '../../src/sim/index.js';

describe('renderProgressBar', () => {
  it('fills the bar by the share of policy-days done', () => {
    // Policy 2 of 4 (index 1), day 7 of 28: (28 + 7) / 112 = 31.25 % → 3 of 10 cells.
    const line = renderProgressBar(
      {
        policy: 'webhooks',
        policyIndex: 1,
        policyCount: 4,
        day: 7,
        dayCount: 28,
        eventsSimulated: 1234567,
      },
      10,
    );

    expect(line).toBe('[███░░░░░░░] 31 % webhooks (2/4) day 7/28, 1,234,567 events');
  });
});
