/**
 * Whether the topology lets the API keep a session cookie at all: plain http, cross-site
 * over plain http, and host names that one engine splits into two sites.
 */
import { isLoopbackHost, type ParsedOrigin, serializeOrigin } from '../cors/index.js';
import { TOPOLOGY_PROBLEM, TOPOLOGY_REASON, TOPOLOGY_WARNING } from './topology-codes.js';
import { error, type Findings, reason, warn } from './topology-findings.js';
import type { NormalizedTopologyOptions } from './topology-options.js';
import { relationOf, siteOfParsed } from './topology-sites.js';

/** The scheme and host checks: whether the API can set cookies safely at all. */
export function checkApiScheme(options: NormalizedTopologyOptions, findings: Findings): void {
  const api = options.apiOrigin;
  if (api.scheme === 'https') {
    reason(
      findings,
      TOPOLOGY_REASON.apiHttps,
      `The API is https: the cookies are Secure, and host-only ones take the \`__Host-\` prefix, which browsers enforce (Secure, no Domain, Path=/; RFC 6265bis §4.1.3) so that no sibling host or plain-http page can plant a cookie of that name.`,
    );
    return;
  }
  if (isLoopbackHost(api.host)) {
    reason(
      findings,
      TOPOLOGY_REASON.loopbackHttp,
      `The API is plain http on loopback (${api.host}), a development setup: no Secure and therefore no prefix, since Safari rejects Secure cookies set from http://localhost (WebKit bug 281149) although Chrome and Firefox accept them.`,
    );
    return;
  }
  if (!options.allowInsecureHttp) {
    error(
      findings,
      TOPOLOGY_PROBLEM.insecureApi,
      'apiOrigin',
      api.origin,
      `the API is plain http on \`${api.host}\`, which is not loopback: the session cookie would cross the network in clear text, where anyone on the path can read or replace it, and no cookie prefix can protect it.`,
      `serve the API over https (\`https://${api.host}\`); for a trusted private network only, set \`allowInsecureHttp: true\`.`,
    );
    return;
  }
  warn(
    findings,
    TOPOLOGY_WARNING.insecureHttp,
    `The API is plain http on ${api.host} (allowInsecureHttp): session cookies travel in clear text and anyone on the network path can steal or replace them.`,
    `serve the API over https.`,
  );
  reason(
    findings,
    TOPOLOGY_REASON.insecureHttp,
    'Plain http accepted by `allowInsecureHttp`: no Secure, no prefix.',
  );
}

/** Cross-site to a plain-http API: cookies are impossible. */
export function checkCrossSiteOverHttp(
  options: NormalizedTopologyOptions,
  crossSite: readonly ParsedOrigin[],
  findings: Findings,
): void {
  const api = options.apiOrigin;
  const apps = crossSite.map((o) => o.origin).join(', ');
  const are = crossSite.length === 1 ? 'is' : 'are';
  if (!options.allowBearerOnly) {
    // The usual case: `http://127.0.0.1:8080` calling `http://localhost:3000`.
    const loopbackApp = crossSite.find((o) => o.scheme === 'http' && isLoopbackHost(o.host));
    const sameHostFix =
      loopbackApp !== undefined && isLoopbackHost(api.host)
        ? `open the app on the API's host name, \`${serializeOrigin({ ...loopbackApp, host: api.host })}\`, so that only the port differs (same site); or `
        : 'put app and API on one site; or ';
    error(
      findings,
      TOPOLOGY_PROBLEM.crossSiteOverHttp,
      'appOrigins',
      apps,
      `${apps} ${are} cross-site to the plain-http API ${api.origin} (same site means same scheme and registrable domain, or the same host when there is none: \`127.0.0.1\` and \`localhost\` are two sites). Browsers send only SameSite=None cookies on cross-site requests and reject None without Secure (RFC 6265bis §5.7), so no session cookie can work.`,
      `${sameHostFix}serve the API over https (cookies then use SameSite=None; Secure; Partitioned); or set \`allowBearerOnly: true\` to use the Bearer header alone.`,
    );
    return;
  }
  warn(
    findings,
    TOPOLOGY_WARNING.bearerOnly,
    `${apps} ${are} cross-site to the plain-http API: no browser keeps a session cookie there, so the session travels in the Authorization header only (allowBearerOnly). The tokens then live in the page's memory, where an injected script can use them.`,
    'serve the API over https, or put app and API on one site, to get HttpOnly cookies.',
    [
      {
        browser: 'every browser',
        outcome: 'dropped',
        detail:
          'cross-site requests carry only SameSite=None cookies, and None without Secure is rejected (RFC 6265bis §5.7).',
      },
    ],
  );
  reason(
    findings,
    TOPOLOGY_REASON.bearerOnly,
    'Cross-site over plain http: the Bearer transport only, no cookies.',
  );
}

/** Same-site pairs that WebKitGTK counts as cross-site: hosts under a suffix the PSL does not list. */
export function warnUnlistedSuffix(options: NormalizedTopologyOptions, findings: Findings): void {
  const api = options.apiOrigin;
  const apiSite = siteOfParsed(api);
  if (!apiSite.unlistedSuffix) return;
  const affected = options.appOrigins.filter(
    (app) => app.host !== api.host && relationOf(app, api) === 'same-site',
  );
  if (affected.length === 0) return;
  warn(
    findings,
    TOPOLOGY_WARNING.unlistedSuffix,
    `${affected.map((o) => o.origin).join(', ')} and the API are same-site under \`${apiSite.domain}\` only through the Public Suffix List's implicit rule, as its suffix is not on the list; WebKitGTK (libsoup) then compares whole host names, so there the cookie is cross-site and SameSite=Lax is not sent (real-browsers.md).`,
    'use host names under a listed suffix (e.g. `app.example.com` and `api.example.com`, RFC 2606), even for tests.',
    [
      {
        browser: 'WebKitGTK',
        outcome: 'dropped',
        detail:
          'libsoup compares full host names under suffixes the Public Suffix List does not know (observed with WebKitGTK 2.50).',
      },
    ],
  );
}
