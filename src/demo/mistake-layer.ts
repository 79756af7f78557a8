/**
 * The raw layer that puts one classic mistake (`mistakes.ts`) into the demo API on
 * purpose. corset validates its configuration and would refuse every one of them, so
 * the layer works around it the way a hand-built server gets them: it rewrites the
 * headers corset produced, or answers before corset runs. Pure functions over header
 * lists; the API server applies them.
 */
import type { HeaderPair } from '../cors/types.js';
import type { MistakeName } from './mistakes.js';

/** What the layer reads from a request. */
export interface MistakeRequest {
  readonly method: string;
  readonly pathname: string;
  header(name: string): string | undefined;
}

/** An answer the layer makes itself (before corset runs). */
export interface MistakeAnswer {
  readonly status: number;
  readonly headers: readonly HeaderPair[];
  readonly body: string;
}

/** Options of {@link createMistakeLayer}. */
export interface MistakeLayerOptions {
  /** The API's host name (for `Domain=<api host>`). */
  readonly apiHost: string;
  /** Whether `pathname` is behind the auth check (the app's protected routes). */
  readonly isProtected: (pathname: string) => boolean;
}

/** One mistake's hooks around the corset entry point. */
export interface MistakeLayer {
  readonly mistake: MistakeName;
  /** Runs before corset: an answer ends the request there (`auth-before-preflight`). */
  intercept(request: MistakeRequest): MistakeAnswer | undefined;
  /**
   * The request's `Cookie` header as corset must read it: cookies whose prefix the
   * layer stripped in {@link rewrite} get their real name back.
   */
  cookieHeader(value: string | undefined): string | undefined;
  /** The response headers with the mistake in them. */
  rewrite(request: MistakeRequest, headers: readonly HeaderPair[]): HeaderPair[];
}

// A cookie prefix needs Secure (and `__Host-` no Domain: RFC 6265bis §4.1.3); a mistake
// that drops Secure or adds a Domain would be refused for the prefix instead of for the
// mistake itself, so the layer serves such cookies without it.
const PREFIXES = ['__Host-', '__Secure-'];
const RENAMED = 'demo-renamed-';

interface SetCookie {
  readonly name: string;
  readonly value: string;
  readonly attributes: readonly string[];
}

function parseSetCookie(line: string): SetCookie {
  const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
  const eq = pair.indexOf('=');
  return {
    name: eq < 0 ? pair : pair.slice(0, eq),
    value: eq < 0 ? '' : pair.slice(eq + 1),
    attributes: attributes.filter((a) => a !== ''),
  };
}

function serializeSetCookie(cookie: SetCookie): string {
  return [`${cookie.name}=${cookie.value}`, ...cookie.attributes].join('; ');
}

function attributeName(attribute: string): string {
  return (attribute.split('=', 1)[0] ?? '').trim().toLowerCase();
}

function without(cookie: SetCookie, ...names: string[]): SetCookie {
  return {
    ...cookie,
    attributes: cookie.attributes.filter((a) => !names.includes(attributeName(a))),
  };
}

function withAttribute(cookie: SetCookie, attribute: string): SetCookie {
  const stripped = without(cookie, attributeName(attribute));
  return { ...stripped, attributes: [...stripped.attributes, attribute] };
}

function unprefixed(cookie: SetCookie): SetCookie {
  const prefix = PREFIXES.find((p) => cookie.name.startsWith(p));
  return prefix === undefined
    ? cookie
    : {
        ...cookie,
        name: `${RENAMED}${cookie.name.slice(prefix.length)}-${PREFIXES.indexOf(prefix)}`,
      };
}

/** The real name of a cookie {@link unprefixed} renamed, or the name itself. */
function realName(name: string): string {
  const match = /^demo-renamed-(.+)-(\d)$/.exec(name);
  const prefix = match === null ? undefined : PREFIXES[Number(match[2])];
  return match === null || prefix === undefined ? name : `${prefix}${match[1]}`;
}

/** The Set-Cookie rewrite of each cookie mistake. */
function cookieRewrite(
  mistake: MistakeName,
  apiHost: string,
): ((c: SetCookie) => SetCookie) | undefined {
  switch (mistake) {
    case 'samesite-lax-cross-site':
      return (c) => withAttribute(without(c, 'partitioned'), 'SameSite=Lax');
    case 'none-without-secure':
      return (c) => withAttribute(unprefixed(without(c, 'secure', 'partitioned')), 'SameSite=None');
    case 'cookie-domain-api-host':
      return (c) => withAttribute(unprefixed(c), `Domain=${apiHost}`);
    default:
      return undefined;
  }
}

function isPreflight(request: MistakeRequest): boolean {
  return (
    request.method === 'OPTIONS' && request.header('access-control-request-method') !== undefined
  );
}

/** The header rewrite of each mistake (cookies aside). */
function rewriteHeader(
  mistake: MistakeName,
  request: MistakeRequest,
  [name, value]: HeaderPair,
): HeaderPair | undefined {
  switch (mistake) {
    case 'wildcard-origin':
      return name === 'access-control-allow-origin' ? [name, '*'] : [name, value];
    case 'no-allow-credentials':
      return name === 'access-control-allow-credentials' ? undefined : [name, value];
    case 'missing-allow-headers': {
      if (name !== 'access-control-allow-headers' || !isPreflight(request)) return [name, value];
      const kept = value
        .split(',')
        .map((h) => h.trim())
        .filter((h) => h !== '' && h.toLowerCase() !== 'content-type');
      return kept.length === 0 ? undefined : [name, kept.join(', ')];
    }
    case 'no-vary': {
      if (name !== 'vary') return [name, value];
      const kept = value
        .split(',')
        .map((t) => t.trim())
        .filter((t) => t !== '' && t.toLowerCase() !== 'origin');
      return kept.length === 0 ? undefined : [name, kept.join(', ')];
    }
    default:
      return [name, value];
  }
}

/** Builds the layer for `mistake`. */
export function createMistakeLayer(
  mistake: MistakeName,
  options: MistakeLayerOptions,
): MistakeLayer {
  const rewriteCookie = cookieRewrite(mistake, options.apiHost);
  return {
    mistake,
    intercept(request) {
      // The hand-built order `app.use(requireAuth); app.use(cors())`: a preflight carries
      // no credentials (Fetch §4.8 step 1), so the auth check refuses it, with no CORS
      // headers, and the browser never sends the real request.
      if (mistake !== 'auth-before-preflight' || !isPreflight(request)) return undefined;
      if (!options.isProtected(request.pathname)) return undefined;
      return {
        status: 401,
        headers: [
          ['content-type', 'application/json'],
          ['www-authenticate', 'Bearer'],
        ],
        body: JSON.stringify({ error: 'unauthorized' }),
      };
    },
    cookieHeader(value) {
      if (value === undefined || rewriteCookie === undefined) return value;
      return value
        .split(';')
        .map((pair) => {
          const trimmed = pair.trim();
          const eq = trimmed.indexOf('=');
          return eq < 0 ? trimmed : `${realName(trimmed.slice(0, eq))}${trimmed.slice(eq)}`;
        })
        .join('; ');
    },
    rewrite(request, headers) {
      const out: HeaderPair[] = [];
      for (const pair of headers) {
        if (pair[0] === 'set-cookie' && rewriteCookie !== undefined) {
          out.push(['set-cookie', serializeSetCookie(rewriteCookie(parseSetCookie(pair[1])))]);
          continue;
        }
        const rewritten = rewriteHeader(mistake, request, pair);
        if (rewritten !== undefined) out.push(rewritten);
      }
      return out;
    },
  };
}
