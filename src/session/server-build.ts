/**
 * Builds every part of the entry point from one {@link CorsetConfig}, collecting the
 * problems of all parts so that one failed start reports the whole config:
 * topology plan → CSRF defence → CORS policy (same allowlist, headers the session needs)
 * → cookie definitions → keys → access tokens → refresh sessions.
 */

import { TRANSPORT_HEADER } from '../client/protocol.js';
import { type CookieDefinition, defineCookie } from '../cookies/index.js';
import { type CorsConfig, type CorsPolicy, createCorsPolicy } from '../cors/index.js';
import { type CsrfProtection, createCsrfProtection } from '../csrf/index.js';
import { isRecord } from '../internal/is-record.js';
import { type ConfigProblem, throwOnErrors } from '../internal/problems.js';
import { type AccessTokens, createAccessTokens } from './access-token.js';
import { validateAccessTokenConfig } from './access-token-config.js';
import { createKeySet, type KeySet, type KeySetConfig } from './keys.js';
import { createRefreshSessions, type RefreshSessions } from './refresh-sessions.js';
import {
  CONFIG_KEYS,
  type CorsetConfig,
  FIELD_OF,
  fieldIn,
  SESSION_KEYS,
} from './server-config.js';
import {
  CORSET_PROBLEM,
  checkFlag,
  checkPaths,
  collect,
  collectAsync,
  corsetProblem,
  type SessionPaths,
  unknownKeys,
} from './server-problems.js';
import { topologyWarningProblems } from './server-warnings.js';
import { createMemorySessionStore } from './store/memory.js';
import type { SessionStore } from './store/types.js';
import { TOKEN_PROBLEM } from './token-problems.js';
import { analyzeSessionTopology, type PlannedCookie, type SessionCookiePlan } from './topology.js';
import { TOPOLOGY_PROBLEM } from './topology-codes.js';

const DEFAULT_PATHS: SessionPaths = {
  login: '/auth/login',
  refresh: '/auth/refresh',
  logout: '/auth/logout',
};

/** The parts of a built entry point. */
export interface CorsetParts {
  readonly apiOrigin: string;
  readonly paths: SessionPaths;
  readonly plan: SessionCookiePlan;
  /** Whether the header (Bearer) transport is offered. */
  readonly bearer: boolean;
  readonly cors: CorsPolicy;
  readonly csrf: CsrfProtection;
  /** Undefined with the Bearer-only transport (no cookies can work). */
  readonly cookies:
    | { readonly access: CookieDefinition; readonly refresh: CookieDefinition }
    | undefined;
  readonly keys: KeySet;
  readonly tokens: AccessTokens;
  readonly sessions: RefreshSessions;
  /** The store, when the entry point created it (and so must close it). */
  readonly ownStore: SessionStore | undefined;
  readonly warnings: readonly ConfigProblem[];
}

function hostOf(origin: unknown): string | undefined {
  if (typeof origin !== 'string') return undefined;
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

function isKeySet(value: unknown): value is KeySet {
  return isRecord(value) && typeof value.keyFor === 'function' && isRecord(value.signing);
}

/** Moves a part's problems to the entry point's field names (and their fixes with them). */
function rename(
  problems: readonly ConfigProblem[],
  renames: Readonly<Record<string, string>>,
  prefix: string,
): ConfigProblem[] {
  return problems.map((p) => {
    const field = fieldIn(p.field, renames, prefix);
    let fix = p.fix;
    for (const [from, to] of Object.entries(renames)) {
      fix = fix.replaceAll(`\`${from}:`, `\`${to}:`);
    }
    return { ...p, field, fix };
  });
}

/**
 * The cookie Path of the refresh cookie: the longest common directory of the refresh and
 * logout paths (`/auth` for the defaults). Logout must see the refresh token to revoke
 * its family even after the access token expired, and a cookie is sent only to paths
 * under its Path (RFC 6265bis §5.1.4 path-match).
 */
export function refreshCookiePath(paths: SessionPaths): string {
  const a = paths.refresh.split('/');
  const b = paths.logout.split('/');
  // The last segment is the endpoint itself, never a shared directory.
  const limit = Math.min(a.length, b.length) - 1;
  let i = 0;
  while (i < limit && a[i] === b[i]) i++;
  const common = a.slice(0, i).join('/');
  return common === '' ? '/' : common;
}

/**
 * An app origin as the topology sees it. A subdomain pattern (`https://*.example.com`)
 * stands for origins that all share its scheme, port and site (the CORS policy refuses
 * patterns over a public suffix), so one representative host decides their relation.
 */
function forTopology(origin: unknown): string {
  return typeof origin === 'string' ? origin.replace('://*.', '://subdomain.') : (origin as string);
}

/** Checks the top-level shape and the entry point's own fields. */
function readOwnFields(config: unknown, problems: ConfigProblem[]) {
  if (!isRecord(config)) {
    problems.push(
      corsetProblem(
        CORSET_PROBLEM.configNotObject,
        'config',
        config,
        'The corset config must be an object.',
        "Pass { appOrigins: ['https://app.example.com'], apiOrigin: 'https://api.example.com', session: { secret } }.",
      ),
    );
    return undefined;
  }
  problems.push(...unknownKeys(config, CONFIG_KEYS, ''));
  const session = isRecord(config.session) ? config.session : {};
  if (!isRecord(config.session)) {
    problems.push(
      corsetProblem(
        CORSET_PROBLEM.configNotObject,
        'session',
        config.session,
        'session options are required: at least the signing keys.',
        'Add session: { secret: <32 random bytes> } or session: { keys: { keys: [...], signingKid } }.',
      ),
    );
  } else problems.push(...unknownKeys(session, SESSION_KEYS, 'session.'));
  const cors = isRecord(config.cors) ? config.cors : {};
  for (const owned of ['origins', 'credentials']) {
    if (cors[owned] === undefined) continue;
    problems.push(
      corsetProblem(
        CORSET_PROBLEM.corsOptionOwned,
        `cors.${owned}`,
        cors[owned],
        owned === 'origins'
          ? 'The allowed origins are appOrigins: one list for CORS, CSRF and the cookie topology.'
          : 'Sessions travel with credentials: the entry point always allows them.',
        owned === 'origins' ? 'Move these origins to appOrigins.' : 'Remove cors.credentials.',
      ),
    );
  }
  const csrf = isRecord(config.csrf) ? config.csrf : {};
  problems.push(...unknownKeys(csrf, ['requireCustomHeader'], 'csrf.'));
  if (session.keys === undefined && session.secret === undefined) {
    problems.push(
      corsetProblem(
        CORSET_PROBLEM.keysMissing,
        'session.keys',
        undefined,
        'No signing key: access tokens can be neither issued nor verified.',
        "Give session.secret (32+ random bytes, HS256) or session.keys ({ keys: [await generateKeySpec('EdDSA', 'k1')], signingKid: 'k1' }).",
      ),
    );
  } else if (session.keys !== undefined && session.secret !== undefined) {
    problems.push(
      corsetProblem(
        CORSET_PROBLEM.keysConflict,
        'session.secret',
        '<secret>',
        'Both keys and secret are given: which one signs would be a guess.',
        'Keep one of session.keys and session.secret.',
      ),
    );
  }
  const paths = checkPaths(session.paths, DEFAULT_PATHS, problems);
  const bearer = checkFlag(session.bearer, 'session.bearer', problems);
  return { session, cors, csrf, paths, bearer };
}

async function buildKeys(
  session: Record<string, unknown>,
  problems: ConfigProblem[],
): Promise<KeySet | undefined> {
  if (isKeySet(session.keys)) return session.keys;
  if (session.keys !== undefined) {
    return collectAsync(problems, 'session.keys', () => createKeySet(session.keys as KeySetConfig));
  }
  if (session.secret === undefined) return undefined;
  const before = problems.length;
  const keys = await collectAsync(problems, '', () =>
    createKeySet({
      keys: [{ kid: 'secret', alg: 'HS256', secret: session.secret as Uint8Array }],
      signingKid: 'secret',
    }),
  );
  // The shortcut's problems are about `secret`, whatever key-set field reported them.
  for (let i = before; i < problems.length; i++) {
    const p = problems[i] as ConfigProblem;
    problems[i] = { ...p, field: 'session.secret', value: '<secret>' };
  }
  return keys;
}

/**
 * Builds every part, or throws a `ConfigError` listing every problem of every part
 * (warnings included, on `problems`).
 */
export async function buildCorset(config: CorsetConfig): Promise<CorsetParts> {
  const problems: ConfigProblem[] = [];
  const own = readOwnFields(config, problems);
  const session = own?.session ?? {};
  const paths = own?.paths ?? DEFAULT_PATHS;
  const appOrigins = isRecord(config) ? config.appOrigins : undefined;
  const apiOrigin = isRecord(config) ? config.apiOrigin : undefined;

  const analysis = analyzeSessionTopology({
    // Typed loosely on purpose: the topology reports a missing or malformed list itself.
    appOrigins: (Array.isArray(appOrigins) ? appOrigins.map(forTopology) : appOrigins) as string[],
    apiOrigin: apiOrigin as string,
    ...(session.shareAcrossSubdomains === undefined
      ? {}
      : { shareAcrossSubdomains: session.shareAcrossSubdomains as string }),
    ...(session.cookieName === undefined ? {} : { cookieName: session.cookieName as string }),
    ...(session.refreshCookieName === undefined
      ? {}
      : { refreshCookieName: session.refreshCookieName as string }),
    refreshPath: refreshCookiePath(paths),
    allowInsecureHttp: session.allowInsecureHttp === true,
    allowBearerOnly: own?.bearer === true,
    // The plan must describe the transport the server really offers (explain()).
    ...(own?.bearer === undefined ? {} : { bearerFallback: own.bearer }),
  });
  const topologyProblems = rename(analysis.problems, FIELD_OF.topology, '');
  const plan = analysis.plan;
  const bearer = own?.bearer ?? (plan !== undefined && plan.transport !== 'cookie');
  // The CSRF check trusts exactly the origins the CORS policy allows: one allowlist.
  let policy: CorsPolicy | undefined;
  const csrf = collect(problems, 'csrf', () =>
    createCsrfProtection({
      isTrustedOrigin: (origin) => policy?.isOriginAllowed(origin) === true,
      ...(own?.csrf.requireCustomHeader === undefined
        ? {}
        : { requireCustomHeader: own.csrf.requireCustomHeader as boolean | string }),
    }),
  );

  const corsOptions = own?.cors ?? {};
  const given = Array.isArray(corsOptions.allowedHeaders)
    ? (corsOptions.allowedHeaders as string[])
    : [];
  // `corset-transport` is allowed even with the fallback off: a client whose cookie was
  // refused retries its login asking for the header transport, and only if that request
  // passes its preflight can the server answer `"transport": "cookie"`, from which the
  // client learns that the fallback is off (docs/session-protocol.md). Refused at the
  // preflight, the client could only report a network error. The server ignores the
  // header when the fallback is off, so allowing it opens nothing.
  const needed = [
    'content-type',
    TRANSPORT_HEADER,
    ...(bearer ? ['authorization'] : []),
    ...(csrf?.customHeader === undefined ? [] : [csrf.customHeader]),
  ];
  // The user's headers first, so that problem indices (`cors.allowedHeaders[2]`) match.
  // A value that is not a list is passed on as is, for the CORS policy to report.
  const allowedHeaders =
    corsOptions.allowedHeaders !== undefined && !Array.isArray(corsOptions.allowedHeaders)
      ? corsOptions.allowedHeaders
      : [
          ...given,
          ...needed.filter(
            (h) => !given.some((g) => typeof g === 'string' && g.toLowerCase() === h),
          ),
        ];
  const corsConfig = {
    ...corsOptions,
    origins: appOrigins,
    credentials: true,
    allowedHeaders,
  } as CorsConfig;
  const corsProblems: ConfigProblem[] = [];
  policy = collect(corsProblems, '', () => createCorsPolicy(corsConfig));
  const corsFields = rename(corsProblems, FIELD_OF.cors, 'cors');
  problems.push(...corsFields);
  // An app origin both parts refuse is reported once, by the CORS policy (more precise).
  problems.push(
    ...topologyProblems.filter(
      (p) =>
        p.code !== TOPOLOGY_PROBLEM.originInvalid ||
        !corsFields.some((c) => c.field === p.field && c.severity === 'error'),
    ),
  );

  const apiHost = hostOf(apiOrigin);
  const define = (planned: PlannedCookie | null, field: string) =>
    planned === null || apiHost === undefined
      ? undefined
      : collect(problems, '', () =>
          defineCookie({ name: planned.name, ...planned.attributes }, { apiHost, field }),
        );
  const access = define(plan?.cookie ?? null, 'session.cookieName');
  const refresh = define(plan?.refreshCookie ?? null, 'session.refreshCookieName');

  const keys = await buildKeys(session, problems);
  const origin = typeof apiOrigin === 'string' ? apiOrigin : '';
  const tokenConfig = {
    issuer: session.issuer ?? origin,
    audience: session.audience ?? origin,
    ...(session.accessTtlSeconds === undefined ? {} : { ttlSeconds: session.accessTtlSeconds }),
    ...(session.clockToleranceSeconds === undefined
      ? {}
      : { clockToleranceSeconds: session.clockToleranceSeconds }),
    ...(session.verifyCache === undefined ? {} : { cache: session.verifyCache }),
    ...(session.now === undefined ? {} : { now: session.now }),
  };
  let tokens: AccessTokens | undefined;
  if (keys === undefined) {
    // Still report issuer, audience and lifetime problems, without a second "no keys".
    const { problems: tokenProblems } = validateAccessTokenConfig(tokenConfig);
    problems.push(
      ...rename(
        tokenProblems.filter((p) => p.code !== TOKEN_PROBLEM.keySetInvalid),
        FIELD_OF.accessTokens,
        'session',
      ),
    );
  } else {
    const tokenProblems: ConfigProblem[] = [];
    tokens = collect(tokenProblems, '', () =>
      createAccessTokens({ ...tokenConfig, keys } as Parameters<typeof createAccessTokens>[0]),
    );
    problems.push(...rename(tokenProblems, FIELD_OF.accessTokens, 'session'));
  }

  const ownStore = session.store === undefined ? createMemorySessionStore() : undefined;
  const refreshConfig = {
    store: session.store ?? ownStore,
    ...Object.fromEntries(
      (
        [
          'lifetimeSeconds',
          'idleTimeoutSeconds',
          'overlapSeconds',
          'storeTimeoutMs',
          'now',
        ] as const
      )
        .filter((key) => session[key] !== undefined)
        .map((key) => [key, session[key]]),
    ),
  };
  const sessions = collect(problems, 'session', () =>
    createRefreshSessions(refreshConfig as Parameters<typeof createRefreshSessions>[0]),
  );

  try {
    throwOnErrors('corset', problems);
  } catch (error) {
    await ownStore?.close();
    throw error;
  }
  // No error problem means every part was built.
  const built = { plan, policy, csrf, keys, tokens, sessions } as {
    plan: SessionCookiePlan;
    policy: CorsPolicy;
    csrf: CsrfProtection;
    keys: KeySet;
    tokens: AccessTokens;
    sessions: RefreshSessions;
  };
  const topologyWarnings = topologyWarningProblems(built.plan.warnings, {
    appOrigins,
    apiOrigin,
    paths,
    bearer,
  });
  return {
    apiOrigin: built.plan.apiOrigin,
    paths,
    plan: built.plan,
    bearer,
    cors: built.policy,
    csrf: built.csrf,
    cookies: access && refresh ? { access, refresh } : undefined,
    keys: built.keys,
    tokens: built.tokens,
    sessions: built.sessions,
    ownStore,
    warnings: [
      ...problems.filter((p) => p.severity === 'warning'),
      ...rename(built.policy.warnings, FIELD_OF.cors, 'cors'),
      // The topology ran the cookie rules on the planned cookies: their warnings are here.
      ...topologyWarnings,
      ...rename(built.keys.warnings, {}, 'session.keys'),
      ...rename(built.tokens.warnings, FIELD_OF.accessTokens, 'session'),
      ...rename(built.sessions.warnings, {}, 'session'),
    ],
  };
}
