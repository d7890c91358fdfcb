import dc from 'node:diagnostics_channel';
import type { Socket } from 'node:net';

/**
 * Records every host the process dials while a test runs, from fetch (undici) and from raw
 * sockets, so a test can prove the official client never left loopback.
 */
export function watchOutboundHosts(): { hosts: () => string[]; stop: () => void } {
  const seen: string[] = [];
  const onFetch = (message: unknown): void => {
    const params = (message as { connectParams?: { hostname?: string } }).connectParams;
    seen.push(params?.hostname ?? '?');
  };
  const onSocket = (message: unknown): void => {
    const socket = (message as { socket: Socket }).socket;
    socket.once('connect', () => seen.push(socket.remoteAddress ?? '?'));
  };
  dc.subscribe('undici:client:beforeConnect', onFetch);
  dc.subscribe('net.client.socket', onSocket);
  return {
    hosts: () => [...seen],
    stop: () => {
      dc.unsubscribe('undici:client:beforeConnect', onFetch);
      dc.unsubscribe('net.client.socket', onSocket);
    },
  };
}

export const loopbackHosts = ['127.0.0.1', '::1', 'localhost', '::ffff:127.0.0.1'];
