import type { SandboxStore } from '../commerce/sandbox-store.js';
import type { MutationLog } from '../inventory/mutation-log.js';
import type { WebhookDispatcher } from '../webhooks/webhook-dispatcher.js';
import * as body from './control-schemas.js';
import type { RequestFaults } from './request-faults.js';

export interface ControlDeps {
  store: SandboxStore;
  webhooks: WebhookDispatcher;
  apiFaults: RequestFaults;
  mutationLog: MutationLog;
}

export interface Reply {
  status: number;
  body: unknown;
}

export interface ControlRoute {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: RegExp;
  run: (params: string[], input: unknown, deps: ControlDeps) => Reply | Promise<Reply>;
}

const ok = (value: unknown, status = 200): Reply => ({ status, body: value });
const p = (params: string[], index: number): string => params[index] ?? '';

/** The control API under /_sandbox/ (documented in CONTROL.md): the store's methods over HTTP. */
export const CONTROL_ROUTES: ControlRoute[] = [
  {
    method: 'POST',
    path: /^\/_sandbox\/locations$/,
    run: (_, input, d) => ok(d.store.createLocation(body.locationBody.parse(input)), 201),
  },
  {
    method: 'PATCH',
    path: /^\/_sandbox\/locations\/([^/]+)$/,
    run: (m, input, d) => ok(d.store.updateLocation(p(m, 0), body.locationPatchBody.parse(input))),
  },
  {
    method: 'POST',
    path: /^\/_sandbox\/products$/,
    run: (_, input, d) => ok(d.store.createProduct(body.productBody.parse(input)), 201),
  },
  {
    method: 'PATCH',
    path: /^\/_sandbox\/inventory-items\/([^/]+)$/,
    run: (m, input, d) => {
      d.store.updateInventoryItem(p(m, 0), body.inventoryItemPatchBody.parse(input));
      return ok({ ok: true });
    },
  },
  {
    method: 'DELETE',
    path: /^\/_sandbox\/variants\/([^/]+)$/,
    run: (m, _input, d) => {
      d.store.deleteVariant(p(m, 0));
      return ok({ ok: true });
    },
  },
  {
    method: 'POST',
    path: /^\/_sandbox\/levels\/connect$/,
    run: (_, input, d) => ok(d.store.connectLevel(body.levelBody.parse(input))),
  },
  {
    method: 'POST',
    path: /^\/_sandbox\/levels\/disconnect$/,
    run: (_, input, d) => {
      d.store.disconnectLevel(body.levelBody.parse(input));
      return ok({ ok: true });
    },
  },
  {
    method: 'POST',
    path: /^\/_sandbox\/quantities\/set$/,
    run: (_, input, d) => ok(d.store.setQuantity(body.quantityBody.parse(input))),
  },
  { method: 'GET', path: /^\/_sandbox\/levels$/, run: (_, _input, d) => ok(d.store.levels()) },
  {
    method: 'GET',
    path: /^\/_sandbox\/levels\/([^/]+)\/([^/]+)$/,
    run: (m, _input, d) => {
      const level = d.store.level(p(m, 0), p(m, 1));
      return level
        ? ok(level)
        : ok({ error: 'not_found', message: 'The item is not stocked at that location.' }, 404);
    },
  },

  {
    method: 'POST',
    path: /^\/_sandbox\/pos-sales$/,
    run: (_, input, d) => ok(d.store.posSale(body.posSaleBody.parse(input)), 201),
  },
  {
    method: 'POST',
    path: /^\/_sandbox\/online-orders$/,
    run: (_, input, d) => {
      const result = d.store.onlineOrder(body.onlineOrderBody.parse(input));
      return ok(result, result.ok ? 201 : 409);
    },
  },
  {
    method: 'GET',
    path: /^\/_sandbox\/orders\/([^/]+)$/,
    run: (m, _input, d) => ok(d.store.order(p(m, 0))),
  },
  {
    method: 'POST',
    path: /^\/_sandbox\/orders\/([^/]+)\/fulfill$/,
    run: (m, input, d) => ok(d.store.fulfill(p(m, 0), body.fulfilBody.parse(input))),
  },
  {
    method: 'POST',
    path: /^\/_sandbox\/orders\/([^/]+)\/ready-for-pickup$/,
    run: (m, _input, d) => ok(d.store.markReadyForPickup(p(m, 0))),
  },
  {
    method: 'POST',
    path: /^\/_sandbox\/orders\/([^/]+)\/refunds$/,
    run: (m, input, d) => ok(d.store.refund(p(m, 0), body.refundBody.parse(input)), 201),
  },
  {
    method: 'POST',
    path: /^\/_sandbox\/orders\/([^/]+)\/cancel$/,
    run: (m, input, d) => ok(d.store.cancel(p(m, 0), body.cancelBody.parse(input))),
  },
  {
    method: 'POST',
    path: /^\/_sandbox\/orders\/([^/]+)\/edit$/,
    run: (m, input, d) => ok(d.store.editOrder(p(m, 0), body.editBody.parse(input))),
  },
  {
    method: 'POST',
    path: /^\/_sandbox\/transfers$/,
    run: (_, input, d) => ok(d.store.transfer(body.transferBody.parse(input)), 201),
  },
  {
    method: 'POST',
    path: /^\/_sandbox\/transfers\/([^/]+)\/receive$/,
    run: (m, input, d) => ok(d.store.receiveTransfer(p(m, 0), body.receiveBody.parse(input))),
  },

  {
    method: 'POST',
    path: /^\/_sandbox\/webhooks\/target$/,
    run: (_, input, d) => {
      const target = body.webhookTargetBody.parse(input);
      d.webhooks.setTarget(target.url, target.topics ? { topics: target.topics } : {});
      return ok({ ok: true });
    },
  },
  {
    method: 'POST',
    path: /^\/_sandbox\/webhooks\/faults$/,
    run: (_, input, d) => {
      d.webhooks.setFaults(body.webhookFaultsBody.parse(input));
      return ok({ ok: true });
    },
  },
  {
    method: 'POST',
    path: /^\/_sandbox\/webhooks\/idle$/,
    run: async (_, _input, d) => {
      await d.webhooks.idle();
      return ok({ sentCount: d.webhooks.sentCount });
    },
  },
  {
    method: 'GET',
    path: /^\/_sandbox\/webhooks$/,
    run: (_, _input, d) =>
      ok({ sentCount: d.webhooks.sentCount, deliveries: d.webhooks.deliveries() }),
  },
  {
    method: 'POST',
    path: /^\/_sandbox\/api\/faults$/,
    run: (_, input, d) => {
      d.apiFaults.inject(body.apiFaultBody.parse(input));
      return ok({ pending: d.apiFaults.pending() });
    },
  },
  {
    method: 'DELETE',
    path: /^\/_sandbox\/api\/faults$/,
    run: (_, _input, d) => {
      d.apiFaults.clear();
      return ok({ pending: 0 });
    },
  },
  {
    method: 'GET',
    path: /^\/_sandbox\/mutation-log$/,
    run: (_, _input, d) => ok(d.mutationLog.entries()),
  },
];
