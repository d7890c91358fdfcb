import { SandboxError } from '../state/sandbox-error.js';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * The sandbox only ever delivers to this machine: a fake must not send signed traffic to a host
 * someone typed by mistake.
 */
export function requireLoopbackUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch (error) {
    throw new SandboxError('invalid_input', `Webhook target ${value} is not a URL.`, {
      cause: error,
    });
  }

  const loopback = LOOPBACK_HOSTS.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
  if (url.protocol !== 'http:' || !loopback) {
    throw new SandboxError(
      'not_loopback',
      `Webhook target ${value} must be an http:// URL on loopback (127.0.0.1, ::1 or localhost).`,
    );
  }
  return url;
}
