import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccessTokens } from './access-tokens.js';
import { readBody, sendJson } from './http-io.js';

/** `POST /admin/oauth/access_token`, the client-credentials grant; form or JSON body. */
export async function handleAccessTokenRequest(
  req: IncomingMessage,
  res: ServerResponse,
  tokens: AccessTokens,
): Promise<void> {
  const text = await readBody(req);
  const params = paramsOf(text, req.headers['content-type'] ?? '', req.url ?? '');
  const result = tokens.grant(
    params.get('grant_type') ?? undefined,
    params.get('client_id') ?? undefined,
    params.get('client_secret') ?? undefined,
  );

  if (!result.ok) {
    sendJson(res, result.status, { error: result.error, error_description: result.description });
    return;
  }
  sendJson(res, 200, {
    access_token: result.accessToken,
    scope: result.scope,
    expires_in: result.expiresIn,
  });
}

function paramsOf(text: string, contentType: string, url: string): URLSearchParams {
  const params = new URL(url, 'http://sandbox.invalid').searchParams;
  if (contentType.includes('application/json') && text.trim() !== '') {
    try {
      const body = JSON.parse(text) as Record<string, unknown>;
      for (const [key, value] of Object.entries(body))
        if (typeof value === 'string') params.set(key, value);
    } catch {
      return params;
    }
    return params;
  }
  for (const [key, value] of new URLSearchParams(text)) params.set(key, value);
  return params;
}
