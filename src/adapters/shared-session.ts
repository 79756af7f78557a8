/**
 * What the session adapters share: turning a framework's request into the entry point's
 * request view, reading a JSON body with a bound, and writing a `SessionResponse` out.
 * Internal: not a package entry point.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SessionRequest, SessionResponse } from '../session/server-http.js';
import { headerText } from './apply.js';

/**
 * Largest session-endpoint body read. `{username, password}` or `{refreshToken}` fit in a
 * few hundred bytes; a bound keeps a huge body from being buffered for nothing.
 */
export const MAX_SESSION_BODY_BYTES = 16 * 1024;

/** Parses JSON text; undefined when it is not JSON (the endpoint then answers 400). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Whether a `Content-Type` value is JSON (`application/json`, `application/*+json`). */
export function isJsonType(contentType: string | undefined): boolean {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return (
    type === 'application/json' ||
    (type?.startsWith('application/') === true && type.endsWith('+json'))
  );
}

/** The request view of a Node request (`http`, Express, Connect, Fastify's raw request). */
export function nodeView(req: IncomingMessage, body?: unknown): SessionRequest {
  const headers = req.headers;
  const host = headers.host;
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  return {
    method: req.method ?? '',
    header: (name) => headerText(headers[name]),
    ...(body === undefined ? {} : { body }),
    requestOrigin: host === undefined ? undefined : `${encrypted ? 'https' : 'http'}://${host}`,
  };
}

/** The request view of a Fetch `Request`. */
export function webView(request: Request, body?: unknown): SessionRequest {
  const headers = request.headers;
  let requestOrigin: string | undefined;
  try {
    requestOrigin = new URL(request.url).origin;
  } catch {
    requestOrigin = undefined;
  }
  return {
    method: request.method,
    header: (name) => headers.get(name) ?? undefined,
    ...(body === undefined ? {} : { body }),
    requestOrigin,
  };
}

/**
 * Reads a Node request's JSON body, at most {@link MAX_SESSION_BODY_BYTES}; undefined
 * when it is not JSON, too large, or the stream fails. Never rejects.
 */
export function readNodeJson(req: IncomingMessage): Promise<unknown> {
  if (!isJsonType(headerText(req.headers['content-type']))) {
    req.resume();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_SESSION_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(
        size > MAX_SESSION_BODY_BYTES
          ? undefined
          : parseJson(Buffer.concat(chunks).toString('utf8')),
      ),
    );
    req.on('error', () => resolve(undefined));
  });
}

/** Reads a Fetch request's JSON body with the same rules as {@link readNodeJson}. */
export async function readWebJson(request: Request): Promise<unknown> {
  if (!isJsonType(request.headers.get('content-type') ?? undefined)) return undefined;
  try {
    const text = await request.text();
    return text.length > MAX_SESSION_BODY_BYTES ? undefined : parseJson(text);
  } catch {
    return undefined;
  }
}

/** Writes a session response on a Node response (`Set-Cookie` may repeat). */
export function writeNode(res: ServerResponse, response: SessionResponse): void {
  res.statusCode = response.status;
  const cookies: string[] = [];
  for (const [name, value] of response.headers) {
    if (name === 'set-cookie') cookies.push(value);
    else res.setHeader(name, value);
  }
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  if (response.body === undefined) {
    res.end();
    return;
  }
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(response.body));
}

/** A session response as a Fetch `Response`. */
export function toWebResponse(response: SessionResponse): Response {
  const headers = new Headers();
  for (const [name, value] of response.headers) headers.append(name, value);
  if (response.body === undefined) return new Response(null, { status: response.status, headers });
  headers.set('content-type', 'application/json; charset=utf-8');
  return new Response(JSON.stringify(response.body), { status: response.status, headers });
}
