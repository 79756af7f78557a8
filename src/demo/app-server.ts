/**
 * The demo app's origin: the page (`/`), its stylesheet and modules (`/assets/…`), and
 * `/session`, where the app's own server looks at the session cookie the browser sends
 * it, the way a server-rendered page would. Whether that cookie arrives at all depends on
 * the cookie's Domain and the topology, which is the point of showing it.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Corset } from '../session/index.js';
import { ASSETS_PREFIX, type AssetSource } from './assets.js';
import type { MistakeLayer } from './mistake-layer.js';
import { type PageConfig, renderPage, STYLESHEET, STYLESHEET_PATH } from './page-html.js';

/** What {@link createAppListener} needs. */
export interface AppDependencies {
  readonly page: PageConfig;
  readonly assets: AssetSource;
  /** Verifies the session cookie the app server receives (same keys as the API). */
  readonly corset: Corset;
  readonly layer: MistakeLayer | undefined;
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * A strict policy: scripts and styles from this origin only (the page has no inline
 * script or style), requests to this origin and the API only, no framing.
 */
function contentSecurityPolicy(apiOrigin: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self' ${apiOrigin}`,
    "img-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function send(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': contentType,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...extra,
  });
  res.end(body);
}

/** The app origin as a Node request listener. */
export function createAppListener(deps: AppDependencies): RequestListener {
  const html = renderPage(deps.page);
  const csp = contentSecurityPolicy(deps.page.apiOrigin);

  const sessionSeen = async (req: IncomingMessage) => {
    const header = (name: string): string | undefined =>
      name === 'cookie' && deps.layer !== undefined
        ? deps.layer.cookieHeader(headerOf(req, 'cookie'))
        : headerOf(req, name);
    // A GET: the CSRF check lets it through, so only the cookie decides.
    const result = await deps.corset.authenticate({ method: 'GET', header });
    return result.ok
      ? { user: result.session.userId, reason: 'session cookie received and verified' }
      : { user: null, reason: result.error.code };
  };

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    if (method !== 'GET' && method !== 'HEAD') {
      send(res, 405, 'text/plain; charset=utf-8', 'the app origin serves GET only\n', {
        allow: 'GET, HEAD',
      });
      return;
    }
    if (path === '/') {
      send(res, 200, 'text/html; charset=utf-8', html, { 'content-security-policy': csp });
      return;
    }
    if (path === '/favicon.ico') {
      // No icon; an empty answer keeps a 404 out of the browser console.
      res.writeHead(204, { 'cache-control': 'max-age=86400' }).end();
      return;
    }
    if (path === STYLESHEET_PATH) {
      send(res, 200, 'text/css; charset=utf-8', STYLESHEET);
      return;
    }
    if (path === '/session') {
      send(res, 200, 'application/json; charset=utf-8', JSON.stringify(await sessionSeen(req)));
      return;
    }
    if (path.startsWith(ASSETS_PREFIX)) {
      const asset = await deps.assets(path.slice(ASSETS_PREFIX.length));
      if (asset !== undefined) {
        send(res, 200, asset.contentType, asset.body);
        return;
      }
    }
    send(res, 404, 'text/plain; charset=utf-8', `not found: ${path}\n`);
  };

  return (req, res) => {
    serve(req, res).catch((error: unknown) => {
      console.error('corset demo app:', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal error\n');
    });
  };
}
