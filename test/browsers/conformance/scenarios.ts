/**
 * The conformance matrix: credentialed exchanges varied along one axis at a time from a
 * baseline that works (ACAO echoes the Origin, ACAC `true`), so each row isolates one
 * rule of the Fetch Standard or RFC 6265bis, across topologies and schemes.
 */
import type {
  CookieLine,
  CorsAnswer,
  PreflightAnswer,
  RedirectAnswer,
  Scenario,
  ScenarioRequest,
} from './scenario.js';
import type { TopologyName } from './topologies.js';

const OK: CorsAnswer = { allowOrigin: 'echo', credentials: 'true' };

/** The cookie a scenario sets when the axis under test is not the cookie. */
function workingCookie(topology: TopologyName): CookieLine {
  return topology.endsWith('https') || topology === 'schemeful'
    ? { attributes: 'SameSite=None; Secure' }
    : { attributes: 'SameSite=Lax' };
}

function scenario(
  fields: Omit<Scenario, 'request' | 'cookies' | 'actual'> & {
    readonly request?: ScenarioRequest;
    readonly cookies?: readonly CookieLine[];
    readonly actual?: CorsAnswer;
  },
): Scenario {
  return {
    request: {},
    cookies: [workingCookie(fields.topology)],
    actual: OK,
    ...fields,
  };
}

// --- cookies: SameSite / Secure / Partitioned / Domain across topologies and schemes -----

const COOKIE_VARIANTS: readonly { id: string; title: string; attributes: string }[] = [
  { id: 'none-secure', title: 'SameSite=None; Secure', attributes: 'SameSite=None; Secure' },
  { id: 'none', title: 'SameSite=None (no Secure)', attributes: 'SameSite=None' },
  { id: 'lax', title: 'SameSite=Lax', attributes: 'SameSite=Lax' },
  { id: 'strict', title: 'SameSite=Strict', attributes: 'SameSite=Strict' },
  { id: 'unset', title: 'no SameSite', attributes: '' },
  { id: 'unset-secure', title: 'no SameSite; Secure', attributes: 'Secure' },
  {
    id: 'partitioned',
    title: 'SameSite=None; Secure; Partitioned',
    attributes: 'SameSite=None; Secure; Partitioned',
  },
  {
    id: 'lax-domain',
    title: 'SameSite=Lax; Domain=<API registrable domain>',
    attributes: 'SameSite=Lax; Domain={parent}',
  },
  {
    id: 'none-secure-httponly',
    title: 'SameSite=None; Secure; HttpOnly; Max-Age=600',
    attributes: 'SameSite=None; Secure; HttpOnly; Max-Age=600',
  },
];

const COOKIE_TOPOLOGIES: readonly TopologyName[] = [
  'port-http',
  'port-https',
  'localhost-http',
  'loopback-cross-http',
  'siblings-http',
  'siblings-https',
  'cross-site-http',
  'cross-site-https',
  'schemeful',
  'same-origin-https',
];

const cookieScenarios: Scenario[] = COOKIE_TOPOLOGIES.flatMap((topology) =>
  COOKIE_VARIANTS.map((variant) =>
    scenario({
      id: `cookie-${variant.id}-${topology}`,
      group: 'cookies',
      title: variant.title,
      topology,
      cookies: [{ attributes: variant.attributes }],
    }),
  ),
);

// --- cors: the actual response's ACAO / ACAC, and the credentials mode ---------------------

const CORS_VARIANTS: readonly {
  id: string;
  title: string;
  actual: CorsAnswer;
  request?: ScenarioRequest;
}[] = [
  {
    id: 'acao-star',
    title: 'ACAO * with credentials',
    actual: { allowOrigin: '*', credentials: 'true' },
  },
  { id: 'no-acac', title: 'ACAO echo, no ACAC', actual: { allowOrigin: 'echo' } },
  { id: 'acac-upper', title: 'ACAC TRUE', actual: { allowOrigin: 'echo', credentials: 'TRUE' } },
  { id: 'acac-false', title: 'ACAC false', actual: { allowOrigin: 'echo', credentials: 'false' } },
  {
    id: 'no-acao',
    title: 'no ACAO, ACAC true',
    actual: { allowOrigin: 'none', credentials: 'true' },
  },
  {
    id: 'acao-other',
    title: 'ACAO another origin',
    actual: { allowOrigin: 'other', credentials: 'true' },
  },
  { id: 'acao-null', title: 'ACAO null', actual: { allowOrigin: 'null', credentials: 'true' } },
  {
    id: 'acao-slash',
    title: 'ACAO origin with a trailing slash',
    actual: { allowOrigin: 'echo-slash', credentials: 'true' },
  },
  {
    id: 'acao-upper',
    title: 'ACAO origin upper-cased',
    actual: { allowOrigin: 'echo-upper', credentials: 'true' },
  },
  {
    id: 'acao-list',
    title: 'ACAO "origin, origin"',
    actual: { allowOrigin: 'echo-list', credentials: 'true' },
  },
  {
    id: 'acao-twice',
    title: 'ACAO sent twice',
    actual: { allowOrigin: 'echo-twice', credentials: 'true' },
  },
  {
    id: 'omit-star',
    title: "credentials: 'omit', ACAO *",
    actual: { allowOrigin: '*' },
    request: { credentials: 'omit' },
  },
  {
    id: 'no-cors',
    title: "mode: 'no-cors' GET, no CORS headers (opaque response)",
    actual: { allowOrigin: 'none' },
    request: { mode: 'no-cors' },
  },
  {
    id: 'no-cors-put',
    title: "mode: 'no-cors' PUT (not a no-cors method: TypeError)",
    actual: { allowOrigin: 'none' },
    request: { mode: 'no-cors', method: 'PUT' },
  },
  {
    id: 'same-origin-mode',
    title: "credentials: 'same-origin', ACAO echo, no ACAC",
    actual: { allowOrigin: 'echo' },
    request: { credentials: 'same-origin' },
  },
];

const CORS_TOPOLOGIES: readonly TopologyName[] = [
  'port-http',
  'siblings-https',
  'cross-site-https',
];

const corsScenarios: Scenario[] = CORS_TOPOLOGIES.flatMap((topology) =>
  CORS_VARIANTS.map((variant) =>
    scenario({
      id: `cors-${variant.id}-${topology}`,
      group: 'cors',
      title: variant.title,
      topology,
      actual: variant.actual,
      ...(variant.request ? { request: variant.request } : {}),
    }),
  ),
);

// --- exposed headers ----------------------------------------------------------------------

const EXPOSED_VARIANTS: readonly {
  id: string;
  title: string;
  actual: CorsAnswer;
  request?: ScenarioRequest;
}[] = [
  { id: 'none', title: 'no ACEH', actual: OK },
  { id: 'one', title: 'ACEH x-a', actual: { ...OK, expose: 'x-a' } },
  { id: 'two', title: 'ACEH x-a, x-b, vary', actual: { ...OK, expose: 'x-a, x-b, vary' } },
  { id: 'star', title: 'ACEH * with credentials', actual: { ...OK, expose: '*' } },
  { id: 'upper', title: 'ACEH X-A', actual: { ...OK, expose: 'X-A' } },
  { id: 'set-cookie', title: 'ACEH set-cookie, x-b', actual: { ...OK, expose: 'set-cookie, x-b' } },
  {
    id: 'star-and-name',
    title: 'ACEH *, x-a with credentials',
    actual: { ...OK, expose: '*, x-a' },
  },
  {
    id: 'star-omit',
    title: "ACEH * without credentials ('omit', ACAO *)",
    actual: { allowOrigin: '*', expose: '*' },
    request: { credentials: 'omit' },
  },
];

const exposedScenarios: Scenario[] = (['siblings-http', 'cross-site-https'] as const).flatMap(
  (topology) =>
    EXPOSED_VARIANTS.map((variant) =>
      scenario({
        id: `exposed-${variant.id}-${topology}`,
        group: 'exposed',
        title: variant.title,
        topology,
        actual: variant.actual,
        ...(variant.request ? { request: variant.request } : {}),
      }),
    ),
);

// --- preflight ----------------------------------------------------------------------------

const PASS: PreflightAnswer = { status: 204, allowOrigin: 'echo', credentials: 'true' };

const PREFLIGHT_VARIANTS: readonly {
  id: string;
  title: string;
  request: ScenarioRequest;
  preflight?: PreflightAnswer;
  actual?: CorsAnswer;
  /** Only on https topologies (the preflight's own cookie needs Secure). */
  httpsOnly?: boolean;
}[] = [
  {
    id: 'put-ok',
    title: 'PUT, ACAM PUT',
    request: { method: 'PUT' },
    preflight: { ...PASS, methods: 'PUT' },
  },
  {
    id: 'put-star',
    title: 'PUT, ACAM * with credentials',
    request: { method: 'PUT' },
    preflight: { ...PASS, methods: '*' },
  },
  {
    id: 'put-lower-acam',
    title: 'PUT, ACAM put',
    request: { method: 'PUT' },
    preflight: { ...PASS, methods: 'put' },
  },
  {
    id: 'put-no-acam',
    title: 'PUT, no ACAM',
    request: { method: 'PUT' },
    preflight: PASS,
  },
  { id: 'put-no-answer', title: 'PUT, bare 204 to the preflight', request: { method: 'PUT' } },
  {
    id: 'put-no-acac',
    title: 'PUT, preflight without ACAC',
    request: { method: 'PUT' },
    preflight: { status: 204, allowOrigin: 'echo', methods: 'PUT' },
  },
  {
    id: 'put-acao-star',
    title: 'PUT, preflight ACAO *',
    request: { method: 'PUT' },
    preflight: { ...PASS, allowOrigin: '*', methods: 'PUT' },
  },
  {
    id: 'put-404',
    title: 'PUT, preflight 404 with the right headers',
    request: { method: 'PUT' },
    preflight: { ...PASS, status: 404, methods: 'PUT' },
  },
  {
    id: 'put-500',
    title: 'PUT, preflight 500 with the right headers',
    request: { method: 'PUT' },
    preflight: { ...PASS, status: 500, methods: 'PUT' },
  },
  {
    id: 'put-200',
    title: 'PUT, preflight 200',
    request: { method: 'PUT' },
    preflight: { ...PASS, status: 200, methods: 'PUT' },
  },
  {
    id: 'patch-lower',
    title: "method 'patch' (not normalised), ACAM PATCH",
    request: { method: 'patch' },
    preflight: { ...PASS, methods: 'PATCH' },
  },
  {
    id: 'patch-upper',
    title: 'PATCH, ACAM PATCH',
    request: { method: 'PATCH' },
    preflight: { ...PASS, methods: 'PATCH' },
  },
  {
    id: 'delete-lower',
    title: "method 'delete' (normalised to DELETE), ACAM DELETE",
    request: { method: 'delete' },
    preflight: { ...PASS, methods: 'DELETE' },
  },
  {
    id: 'header-ok',
    title: 'X-Req header, ACAH x-req',
    request: { headers: { 'X-Req': '1' } },
    preflight: { ...PASS, headers: 'x-req' },
  },
  {
    id: 'header-star',
    title: 'X-Req header, ACAH * with credentials',
    request: { headers: { 'X-Req': '1' } },
    preflight: { ...PASS, headers: '*' },
  },
  {
    id: 'header-missing',
    title: 'X-Req header, no ACAH',
    request: { headers: { 'X-Req': '1' } },
    preflight: PASS,
  },
  {
    id: 'json-ok',
    title: 'POST application/json, ACAH content-type',
    request: { method: 'POST', headers: { 'Content-Type': 'application/json' } },
    preflight: { ...PASS, methods: 'POST', headers: 'Content-Type' },
  },
  {
    id: 'authorization-star',
    title: 'Authorization, ACAH * with credentials',
    request: { headers: { Authorization: 'Bearer t' } },
    preflight: { ...PASS, headers: '*' },
  },
  {
    id: 'authorization-star-omit',
    title: "Authorization, ACAH * without credentials ('omit', ACAO *)",
    request: { headers: { Authorization: 'Bearer t' }, credentials: 'omit' },
    preflight: { status: 204, allowOrigin: '*', headers: '*' },
    actual: { allowOrigin: '*' },
  },
  {
    id: 'header-star-omit',
    title: "X-Req header, ACAH * without credentials ('omit', ACAO *)",
    request: { headers: { 'X-Req': '1' }, credentials: 'omit' },
    preflight: { status: 204, allowOrigin: '*', headers: '*' },
    actual: { allowOrigin: '*' },
  },
  {
    id: 'put-star-omit',
    title: "PUT, ACAM * without credentials ('omit', ACAO *)",
    request: { method: 'PUT', credentials: 'omit' },
    preflight: { status: 204, allowOrigin: '*', methods: '*' },
    actual: { allowOrigin: '*' },
  },
  {
    id: 'put-list',
    title: 'PUT, ACAM "GET,  PUT ,POST" (list with spaces)',
    request: { method: 'PUT' },
    preflight: { ...PASS, methods: 'GET,  PUT ,POST' },
  },
  {
    id: 'put-trailing-comma',
    title: 'PUT, ACAM "PUT," (empty list element)',
    request: { method: 'PUT' },
    preflight: { ...PASS, methods: 'PUT,' },
  },
  {
    id: 'authorization-ok',
    title: 'Authorization, ACAH authorization',
    request: { headers: { Authorization: 'Bearer t' } },
    preflight: { ...PASS, headers: 'authorization' },
  },
  {
    id: 'text-post',
    title: 'POST text/plain (no preflight)',
    request: { method: 'POST', headers: { 'Content-Type': 'text/plain' } },
  },
  {
    id: 'safelisted-headers',
    title: 'Accept and Content-Language safelisted (no preflight)',
    request: { headers: { Accept: 'application/json', 'Content-Language': 'en-US' } },
  },
  {
    id: 'accept-unsafe',
    title: 'Accept with an unsafe byte ("), ACAH accept',
    request: { headers: { Accept: 'a"b' } },
    preflight: { ...PASS, headers: 'accept' },
  },
  {
    id: 'then-no-acac',
    title: 'X-Req passes the preflight, actual answer without ACAC',
    request: { headers: { 'X-Req': '1' } },
    preflight: { ...PASS, headers: 'x-req' },
    actual: { allowOrigin: 'echo' },
  },
  {
    id: 'preflight-cookie',
    title: 'PUT, the preflight answer sets a cookie',
    request: { method: 'PUT' },
    preflight: { ...PASS, methods: 'PUT', setCookie: true },
    httpsOnly: true,
  },
];

const PREFLIGHT_TOPOLOGIES: readonly TopologyName[] = [
  'cross-site-https',
  'siblings-https',
  'port-http',
];

const preflightScenarios: Scenario[] = PREFLIGHT_TOPOLOGIES.flatMap((topology) =>
  PREFLIGHT_VARIANTS.filter((v) => !(v.httpsOnly && topology === 'port-http')).map((variant) =>
    scenario({
      id: `preflight-${variant.id}-${topology}`,
      group: 'preflight',
      title: variant.title,
      topology,
      request: variant.request,
      ...(variant.preflight ? { preflight: variant.preflight } : {}),
      ...(variant.actual ? { actual: variant.actual } : {}),
    }),
  ),
);

// --- preflight cache: the same request twice in a row ------------------------------------

const CACHE_VARIANTS: readonly {
  id: string;
  title: string;
  preflight: PreflightAnswer;
  request: ScenarioRequest;
}[] = [
  {
    id: 'default',
    title: 'PUT twice, no Max-Age (default 5 s)',
    request: { method: 'PUT' },
    preflight: { ...PASS, methods: 'PUT' },
  },
  {
    id: 'zero',
    title: 'PUT twice, Max-Age 0',
    request: { method: 'PUT' },
    preflight: { ...PASS, methods: 'PUT', maxAge: '0' },
  },
  {
    id: 'ten-minutes',
    title: 'PUT twice, Max-Age 600',
    request: { method: 'PUT' },
    preflight: { ...PASS, methods: 'PUT', maxAge: '600' },
  },
  {
    id: 'negative',
    title: 'PUT twice, Max-Age -1',
    request: { method: 'PUT' },
    preflight: { ...PASS, methods: 'PUT', maxAge: '-1' },
  },
  {
    id: 'header',
    title: 'X-Req twice, Max-Age 600',
    request: { headers: { 'X-Req': '1' } },
    preflight: { ...PASS, headers: 'x-req', maxAge: '600' },
  },
];

const cacheScenarios: Scenario[] = (['cross-site-https', 'port-http'] as const).flatMap(
  (topology) =>
    CACHE_VARIANTS.map((variant) =>
      scenario({
        id: `cache-${variant.id}-${topology}`,
        group: 'cache',
        title: variant.title,
        topology,
        request: variant.request,
        preflight: variant.preflight,
        repeat: 2,
      }),
    ),
);

// --- redirects ---------------------------------------------------------------------------
// After a redirect to another origin the browser sends `Origin: null` (Fetch §4.4 step 12),
// so those finals answer a fixed ACAO (`page` or `null`), never an echo: the model's input
// is written before the run and cannot echo what the browser will send.

const REDIRECT_VARIANTS: readonly {
  id: string;
  title: string;
  redirect: RedirectAnswer;
  actual?: CorsAnswer;
  request?: ScenarioRequest;
  preflight?: PreflightAnswer;
}[] = [
  {
    id: '303-put',
    title: 'PUT (preflight passes), 303 to the same origin: the final is a GET',
    redirect: { status: 303, to: 'same-origin', cors: OK },
    request: { method: 'PUT' },
    preflight: { ...PASS, methods: 'PUT' },
  },
  {
    id: '307-same',
    title: '307 to the same origin, CORS on both',
    redirect: { status: 307, to: 'same-origin', cors: OK },
  },
  {
    id: '302-same',
    title: '302 to the same origin, CORS on both',
    redirect: { status: 302, to: 'same-origin', cors: OK },
  },
  {
    id: '301-same',
    title: '301 to the same origin, CORS on both',
    redirect: { status: 301, to: 'same-origin', cors: OK },
  },
  {
    id: '307-no-cors',
    title: '307 without CORS headers on the redirect',
    redirect: { status: 307, to: 'same-origin', cors: { allowOrigin: 'none' } },
  },
  {
    id: '307-star',
    title: '307 with ACAO * on the redirect',
    redirect: { status: 307, to: 'same-origin', cors: { allowOrigin: '*', credentials: 'true' } },
  },
  {
    id: '307-other-page',
    title: '307 to another origin; final ACAO = the page origin (Origin is null by then)',
    redirect: { status: 307, to: 'other-origin', cors: OK },
    actual: { allowOrigin: 'page', credentials: 'true' },
  },
  {
    id: '307-other-null',
    title: '307 to another origin; final ACAO null',
    redirect: { status: 307, to: 'other-origin', cors: OK },
    actual: { allowOrigin: 'null', credentials: 'true' },
  },
];

// A cross-site hop before a same-site final: does the chain count for SameSite (Firefox,
// `redirectChainSameSite`) or only the final URL (Chromium, WebKit)?
const chainScenarios: Scenario[] = ['Lax', 'Strict', 'None; Secure'].map((sameSite) =>
  scenario({
    id: `redirect-chain-${sameSite.split(';')[0]?.toLowerCase()}-cross-site-https`,
    group: 'redirects',
    title: `307 from another site to the page's sibling, which sets SameSite=${sameSite}; Domain=example.com`,
    topology: 'cross-site-https',
    redirect: { status: 307, to: 'sibling-api', cors: OK },
    actual: { allowOrigin: 'null', credentials: 'true' },
    cookies: [{ attributes: `SameSite=${sameSite}; Domain=example.com` }],
  }),
);

// A Lax cookie stored first-party, then a follow-up that reaches it through a cross-site
// hop: is it withheld (Firefox, `redirectChainSameSite`) or sent (final URL only)?
const chainFollowUpScenarios: Scenario[] = ['Lax', 'Strict', 'None; Secure'].map((sameSite) =>
  scenario({
    id: `redirect-follow-up-via-hop-${sameSite.split(';')[0]?.toLowerCase()}-siblings-https`,
    group: 'redirects',
    title: `SameSite=${sameSite}; Domain=example.com set same-site, follow-up through a cross-site 307`,
    topology: 'siblings-https',
    cookies: [{ attributes: `SameSite=${sameSite}; Domain=example.com` }],
    followUp: 'via-cross-site-hop',
  }),
);

const redirectScenarios: Scenario[] = (
  ['cross-site-https', 'siblings-https', 'port-http'] as const
).flatMap((topology) =>
  REDIRECT_VARIANTS.map((variant) =>
    scenario({
      id: `redirect-${variant.id}-${topology}`,
      group: 'redirects',
      title: variant.title,
      topology,
      redirect: variant.redirect,
      ...(variant.actual ? { actual: variant.actual } : {}),
      ...(variant.request ? { request: variant.request } : {}),
      ...(variant.preflight ? { preflight: variant.preflight } : {}),
    }),
  ),
);

// --- cookie attributes: Domain / Path / prefixes / expiry / Secure over http ------------

const ATTRIBUTE_VARIANTS: readonly {
  id: string;
  title: string;
  cookie: CookieLine;
  topologies: readonly TopologyName[];
}[] = [
  {
    id: 'domain-own-host',
    title: 'Domain=api.example.com (the host itself)',
    cookie: { attributes: 'SameSite=None; Secure; Domain=api.example.com' },
    topologies: ['siblings-https'],
  },
  {
    id: 'domain-dot-parent',
    title: 'Domain=.example.com (leading dot)',
    cookie: { attributes: 'SameSite=None; Secure; Domain=.example.com' },
    topologies: ['siblings-https'],
  },
  {
    id: 'domain-sibling',
    title: 'Domain=app.example.com (another host)',
    cookie: { attributes: 'SameSite=None; Secure; Domain=app.example.com' },
    topologies: ['siblings-https'],
  },
  {
    id: 'domain-public-suffix',
    title: 'Domain=com (public suffix)',
    cookie: { attributes: 'SameSite=None; Secure; Domain=com' },
    topologies: ['siblings-https', 'siblings-http'],
  },
  {
    id: 'domain-foreign',
    title: 'Domain=example.net (not the host’s domain)',
    cookie: { attributes: 'SameSite=None; Secure; Domain=example.net' },
    topologies: ['siblings-https'],
  },
  {
    id: 'domain-ip',
    title: 'Domain=127.0.0.1 (IP, exact host)',
    cookie: { attributes: 'SameSite=Lax; Domain=127.0.0.1' },
    topologies: ['port-http'],
  },
  {
    id: 'domain-parent-none',
    title: 'SameSite=None; Secure; Domain=<registrable domain>',
    cookie: { attributes: 'SameSite=None; Secure; Domain={parent}' },
    topologies: ['siblings-https', 'cross-site-https'],
  },
  {
    id: 'path-sub',
    title: 'Path=<folder>/sub (does not match the follow-up)',
    cookie: { attributes: 'SameSite=None; Secure; Path={dir}/sub' },
    topologies: ['siblings-https'],
  },
  {
    id: 'path-folder',
    title: 'Path=<folder>',
    cookie: { attributes: 'SameSite=None; Secure; Path={dir}' },
    topologies: ['siblings-https'],
  },
  {
    id: 'path-check',
    title: 'Path=<folder>/check (the follow-up only)',
    cookie: { attributes: 'SameSite=None; Secure; Path={dir}/check' },
    topologies: ['siblings-https'],
  },
  {
    id: 'path-root',
    title: 'Path=/',
    cookie: { attributes: 'SameSite=None; Secure; Path=/' },
    topologies: ['siblings-https'],
  },
  {
    id: 'path-relative',
    title: 'Path=relative (ignored: default path)',
    cookie: { attributes: 'SameSite=None; Secure; Path=relative' },
    topologies: ['siblings-https'],
  },
  {
    id: 'host-prefix-ok',
    title: '__Host-, Secure; Path=/',
    cookie: { prefix: '__Host-', attributes: 'SameSite=None; Secure; Path=/' },
    topologies: ['siblings-https', 'cross-site-https'],
  },
  {
    id: 'host-prefix-domain',
    title: '__Host- with Domain',
    cookie: { prefix: '__Host-', attributes: 'SameSite=None; Secure; Path=/; Domain=example.com' },
    topologies: ['siblings-https'],
  },
  {
    id: 'host-prefix-path',
    title: '__Host- with Path=<folder>',
    cookie: { prefix: '__Host-', attributes: 'SameSite=None; Secure; Path={dir}' },
    topologies: ['siblings-https'],
  },
  {
    id: 'host-prefix-http',
    title: '__Host- over http (no Secure possible)',
    cookie: { prefix: '__Host-', attributes: 'SameSite=Lax; Path=/' },
    topologies: ['siblings-http'],
  },
  {
    id: 'host-prefix-lower-insecure',
    title: '__host- (lower case) without Secure',
    cookie: { prefix: '__host-', attributes: 'SameSite=None; Path=/' },
    topologies: ['siblings-https'],
  },
  {
    id: 'secure-prefix-ok',
    title: '__Secure- with Secure',
    cookie: { prefix: '__Secure-', attributes: 'SameSite=None; Secure' },
    topologies: ['siblings-https'],
  },
  {
    id: 'secure-prefix-missing',
    title: '__Secure- without Secure',
    cookie: { prefix: '__Secure-', attributes: 'SameSite=None' },
    topologies: ['siblings-https'],
  },
  {
    id: 'size-at-limit',
    title: 'name + value = 4096 bytes',
    cookie: { attributes: 'SameSite=None; Secure; Path={dir}', value: 'at-limit' },
    topologies: ['siblings-https'],
  },
  {
    id: 'size-over-limit',
    title: 'name + value = 4097 bytes',
    cookie: { attributes: 'SameSite=None; Secure; Path={dir}', value: 'over-limit' },
    topologies: ['siblings-https'],
  },
  {
    id: 'max-age-zero',
    title: 'Max-Age=0 (expired at once)',
    cookie: { attributes: 'SameSite=None; Secure; Max-Age=0' },
    topologies: ['siblings-https'],
  },
  {
    id: 'expires-past',
    title: 'Expires in the past',
    cookie: { attributes: 'SameSite=None; Secure; Expires=Thu, 01 Jan 1970 00:00:01 GMT' },
    topologies: ['siblings-https'],
  },
  {
    id: 'max-age-over-expires',
    title: 'Max-Age=600 wins over a past Expires',
    cookie: {
      attributes: 'SameSite=None; Secure; Expires=Thu, 01 Jan 1970 00:00:01 GMT; Max-Age=600',
    },
    topologies: ['siblings-https'],
  },
  {
    id: 'secure-over-http',
    title: 'Secure set over http',
    cookie: { attributes: 'SameSite=Lax; Secure' },
    topologies: ['siblings-http', 'port-http'],
  },
  {
    id: 'partitioned-insecure',
    title: 'Partitioned without Secure',
    cookie: { attributes: 'SameSite=None; Partitioned' },
    topologies: ['cross-site-https', 'siblings-https'],
  },
  {
    id: 'samesite-invalid',
    title: 'SameSite=Bogus (invalid: the default applies)',
    cookie: { attributes: 'SameSite=Bogus; Secure' },
    topologies: ['siblings-https', 'cross-site-https'],
  },
  {
    id: 'partitioned-lax',
    title: 'SameSite=Lax; Secure; Partitioned',
    cookie: { attributes: 'SameSite=Lax; Secure; Partitioned' },
    topologies: ['cross-site-https'],
  },
];

// Cookie-header order: longer paths first, then earlier creation (RFC 6265bis §5.8.3).
const orderScenarios: Scenario[] = (['siblings-https', 'port-http'] as const).map((topology) =>
  scenario({
    id: `attr-cookie-order-${topology}`,
    group: 'attributes',
    title: 'three cookies: Path=/, Path=<folder>, Path=<folder>/check, then one more with Path=/',
    topology,
    cookies: [
      { attributes: 'SameSite=Lax; Path=/' },
      { attributes: 'SameSite=Lax; Path={dir}' },
      { attributes: 'SameSite=Lax; Path={dir}/check' },
      { attributes: 'SameSite=Lax; Path=/' },
    ],
  }),
);

const attributeScenarios: Scenario[] = ATTRIBUTE_VARIANTS.flatMap((variant) =>
  variant.topologies.map((topology) =>
    scenario({
      id: `attr-${variant.id}-${topology}`,
      group: 'attributes',
      title: variant.title,
      topology,
      cookies: [variant.cookie],
    }),
  ),
);

// --- mixed content ------------------------------------------------------------------------

const mixedScenarios: Scenario[] = (['mixed-loopback', 'mixed-siblings'] as const).flatMap(
  (topology) => [
    scenario({
      id: `mixed-lax-${topology}`,
      group: 'mixed',
      title: 'https page fetches http, SameSite=Lax',
      topology,
      cookies: [{ attributes: 'SameSite=Lax' }],
    }),
    scenario({
      id: `mixed-put-${topology}`,
      group: 'mixed',
      title: 'https page fetches http, PUT with a passing preflight',
      topology,
      request: { method: 'PUT' },
      preflight: { ...PASS, methods: 'PUT' },
      cookies: [{ attributes: 'SameSite=Lax' }],
    }),
  ],
);

/** Every scenario, in matrix order. */
export const SCENARIOS: readonly Scenario[] = [
  ...cookieScenarios,
  ...corsScenarios,
  ...exposedScenarios,
  ...preflightScenarios,
  ...cacheScenarios,
  ...redirectScenarios,
  ...chainScenarios,
  ...chainFollowUpScenarios,
  ...attributeScenarios,
  ...orderScenarios,
  ...mixedScenarios,
];
