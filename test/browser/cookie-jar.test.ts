/**
 * The cookie jar: RFC 6265bis §5.7 storage and §5.8.3 retrieval, with each profile's
 * deviations (research/browser-rules.md §2, real-browsers.md observations, libsoup).
 */
import { describe, expect, it } from 'vitest';
import {
  type CookieJar,
  defaultPath,
  EMPTY_JAR,
  pathMatches,
  storeSetCookie,
} from '../../src/browser/cookie-jar.js';
import {
  cookieHeader,
  documentCookie,
  retrieveCookies,
} from '../../src/browser/cookie-retrieve.js';
import { type BrowserProfile, PROFILES } from '../../src/browser/profiles.js';
import { isSameSite } from '../../src/browser/site.js';

const NOW = Date.UTC(2026, 0, 1);
const { chrome, firefox, safari, webkitgtk } = PROFILES;

/** Stores `lines` from a fetch to `url` made by the page `top`. */
function set(
  lines: string[],
  url: string,
  top = url,
  profile: BrowserProfile = chrome,
  jar: CookieJar = EMPTY_JAR,
  now = NOW,
) {
  const u = new URL(url);
  const t = new URL(top);
  const outcomes = [];
  for (const line of lines) {
    const result = storeSetCookie(
      jar,
      line,
      {
        url: u,
        topLevel: t,
        sameSite: isSameSite(u, t, profile.schemefulSameSite),
        navigation: false,
        now,
      },
      profile,
    );
    jar = result.jar;
    outcomes.push(result.outcome);
  }
  return { jar, outcomes, codes: outcomes.flatMap((o) => o.reasons.map((r) => r.code)) };
}

/** The Cookie header a fetch to `url` from the page `top` carries. */
function get(
  jar: CookieJar,
  url: string,
  top = url,
  profile: BrowserProfile = chrome,
  extra: { navigation?: boolean; method?: string; now?: number } = {},
) {
  const u = new URL(url);
  const t = new URL(top);
  const result = retrieveCookies(
    jar,
    {
      url: u,
      topLevel: extra.navigation === true ? u : t,
      sameSite: isSameSite(u, t, profile.schemefulSameSite),
      crossSiteRedirect: false,
      navigation: extra.navigation ?? false,
      method: extra.method ?? 'GET',
      now: extra.now ?? NOW + 1000,
    },
    profile,
  );
  return {
    header: cookieHeader(result.sent),
    excluded: result.excluded.flatMap((e) => e.reasons.map((r) => r.code)),
    warnings: result.warnings.map((w) => w.code),
  };
}

describe('RFC 6265bis §5.7 Domain', () => {
  it('host-only without Domain; Domain covers subdomains', () => {
    const { jar } = set(['a=1', 'b=2; Domain=example.com'], 'https://api.example.com/');
    expect(get(jar, 'https://api.example.com/').header).toBe('a=1; b=2');
    expect(get(jar, 'https://www.example.com/').header).toBe('b=2');
  });

  it('rejects a public suffix (PSL private section included) unless it is the host', () => {
    expect(set(['a=1; Domain=com'], 'https://example.com/').codes).toEqual([
      'ExcludeInvalidDomain',
    ]);
    expect(set(['a=1; Domain=github.io'], 'https://me.github.io/').codes).toEqual([
      'ExcludeInvalidDomain',
    ]);
    const { jar } = set(['a=1; Domain=localhost'], 'http://localhost/');
    expect(get(jar, 'http://localhost/').header).toBe('a=1');
  });

  it('rejects a Domain the host is not under, non-ASCII, and a different IP', () => {
    expect(set(['a=1; Domain=other.com'], 'https://example.com/').codes).toEqual([
      'ExcludeInvalidDomain',
    ]);
    expect(set(['a=1; Domain=bücher.example'], 'https://example.com/').codes).toEqual([
      'ExcludeDomainNonASCII',
    ]);
    expect(set(['a=1; Domain=0.0.1'], 'http://127.0.0.1/').codes).toEqual(['ExcludeInvalidDomain']);
    expect(set(['a=1; Domain=127.0.0.1'], 'http://127.0.0.1/').outcomes[0]?.stored).toBe(true);
  });
});

describe('RFC 6265bis §5.1.4 paths', () => {
  it('default-path and path-match', () => {
    expect(defaultPath(new URL('https://a.example/api/login'))).toBe('/api');
    expect(defaultPath(new URL('https://a.example/login'))).toBe('/');
    expect(pathMatches('/api/me', '/api')).toBe(true);
    expect(pathMatches('/apix', '/api')).toBe(false);
    expect(pathMatches('/api/', '/api/')).toBe(true);
  });

  it('orders longer paths first, then earlier creation (§5.8.3 step 4)', () => {
    const { jar } = set(
      ['b=1; Path=/', 'a=2; Path=/api', 'c=3; Path=/'],
      'https://a.example/api/x',
    );
    expect(get(jar, 'https://a.example/api/me').header).toBe('a=2; b=1; c=3');
    expect(get(jar, 'https://a.example/other').excluded).toEqual(['ExcludeNotOnPath']);
  });
});

describe('Secure and the localhost exception (RB §2.3 step 3)', () => {
  it('refuses Secure over http, except http://localhost in Chrome and Firefox', () => {
    expect(set(['a=1; Secure'], 'http://a.example/').codes).toEqual(['ExcludeSecureOnly']);
    expect(set(['a=1; Secure'], 'http://localhost:3000/', undefined, chrome).codes).toEqual([]);
    expect(set(['a=1; Secure'], 'http://localhost:3000/', undefined, firefox).codes).toEqual([]);
    expect(set(['a=1; Secure'], 'http://localhost:3000/', undefined, safari).codes).toEqual([
      'ExcludeSecureOnly',
    ]);
  });

  it('an insecure response cannot shadow a Secure cookie (§5.7 step 16)', () => {
    const first = set(['a=1; Secure; Path=/'], 'https://a.example/');
    expect(set(['a=2'], 'http://a.example/', undefined, chrome, first.jar).codes).toEqual([
      'ExcludeOverwriteSecure',
    ]);
  });

  it('does not send a Secure cookie over http', () => {
    const { jar } = set(['a=1; Secure'], 'https://a.example/');
    expect(get(jar, 'http://a.example/').excluded).toContain('ExcludeSecureOnly');
  });
});

describe('SameSite (RFC 6265bis §5.7 steps 17-19, §5.8.3 step 2)', () => {
  const app = 'https://app.example.com/';
  const api = 'https://api.example.net/';

  it('Chrome: unset counts as Lax, so a cross-site fetch cannot set it', () => {
    expect(set(['a=1'], api, app, { ...chrome, thirdPartyCookies: 'allow' }).codes).toEqual([
      'ExcludeSameSiteUnspecifiedTreatedAsLax',
    ]);
    expect(set(['a=1; SameSite=Lax; Secure'], api, app).codes).toEqual(['ExcludeSameSiteLax']);
    expect(set(['a=1; SameSite=Strict; Secure'], api, app).codes).toEqual([
      'ExcludeSameSiteStrict',
    ]);
  });

  it('Firefox: unset counts as None (stored, partitioned by TCP)', () => {
    const { outcomes } = set(['a=1'], api, app, firefox);
    expect(outcomes[0]).toMatchObject({ stored: true, partitioned: true });
  });

  it('SameSite=None needs Secure in Chrome and Firefox, not in WebKitGTK', () => {
    expect(set(['a=1; SameSite=None'], 'https://a.example/', undefined, chrome).codes).toEqual([
      'ExcludeSameSiteNoneInsecure',
    ]);
    expect(set(['a=1; SameSite=None'], 'https://a.example/', undefined, firefox).codes).toEqual([
      'ExcludeSameSiteNoneInsecure',
    ]);
    expect(set(['a=1; SameSite=None'], 'https://a.example/', undefined, webkitgtk).codes).toEqual(
      [],
    );
  });

  it('schemeful same-site in Chrome: http page → https API is cross-site', () => {
    const { jar } = set(['a=1; SameSite=Lax; Secure'], 'https://api.example.com/');
    expect(
      get(jar, 'https://api.example.com/', 'http://app.example.com/', chrome).excluded,
    ).toEqual(['ExcludeSameSiteLax']);
    expect(get(jar, 'https://api.example.com/', 'http://app.example.com/', firefox).header).toBe(
      'a=1',
    );
  });

  it('Lax goes on a cross-site top-level GET navigation, not on a fetch', () => {
    const { jar } = set(['a=1; SameSite=Lax'], 'https://api.example.net/');
    expect(get(jar, api, app, chrome, { navigation: true }).header).toBe('a=1');
    expect(get(jar, api, app, { ...chrome, thirdPartyCookies: 'allow' }).excluded).toEqual([
      'ExcludeSameSiteLax',
    ]);
  });

  it('Chrome Lax+POST: unset cookies younger than 2 minutes, top-level navigations only', () => {
    const { jar } = set(['a=1'], 'https://api.example.net/');
    const post = { navigation: true, method: 'POST' };
    expect(get(jar, api, app, chrome, { ...post, now: NOW + 60_000 })).toMatchObject({
      header: 'a=1',
      warnings: ['WarnSameSiteUnspecifiedLaxAllowUnsafe'],
    });
    expect(get(jar, api, app, chrome, { ...post, now: NOW + 121_000 }).excluded).toEqual([
      'ExcludeSameSiteUnspecifiedTreatedAsLax',
    ]);
  });
});

describe('prefixes (RFC 6265bis §4.1.3), matched case-insensitively', () => {
  it.each([
    ['__Secure-a=1', false],
    ['__Secure-a=1; Secure', true],
    ['__secure-a=1', false],
    ['__Host-a=1; Secure; Path=/', true],
    ['__Host-a=1; Secure', false],
    ['__HOST-a=1; Secure; Path=/; Domain=example.com', false],
    ['__Http-a=1; Secure', false],
    ['__Http-a=1; Secure; HttpOnly', true],
    ['=__Secure-x', false],
  ])('%s → stored %s', (line, stored) => {
    expect(set([line], 'https://www.example.com/').outcomes[0]?.stored).toBe(stored);
  });

  it('WebKitGTK (libsoup) refuses a Domain without an inner dot, even the host itself', () => {
    const url = 'http://localhost/';
    expect(set(['a=1; Domain=localhost'], url, url, webkitgtk).codes).toEqual([
      'ExcludeInvalidDomain',
    ]);
    expect(set(['a=1; Domain=localhost'], url, url, firefox).outcomes[0]?.stored).toBe(true);
    expect(set(['a=1; Domain=127.0.0.1'], 'http://127.0.0.1/', undefined, webkitgtk).codes).toEqual(
      [],
    );
  });

  it('WebKitGTK (libsoup) enforces no prefix (observed, conformance suite)', () => {
    const top = 'https://www.example.com/';
    expect(
      set(['__Host-a=1; Secure; Path=/x; Domain=example.com'], top, top, webkitgtk).outcomes[0]
        ?.stored,
    ).toBe(true);
    expect(
      set(['__Secure-a=1'], 'http://www.example.com/', undefined, webkitgtk).outcomes[0]?.stored,
    ).toBe(true);
    expect(set(['__Secure-a=1'], top, top, safari).outcomes[0]?.stored).toBe(false);
  });

  it('only Chromium knows __Http-', () => {
    expect(set(['__Http-a=1'], 'https://a.example/', undefined, firefox).outcomes[0]?.stored).toBe(
      true,
    );
  });
});

describe('expiry (RFC 6265bis §5.6.1-2, §5.7 step 6)', () => {
  it('Max-Age wins over Expires; zero deletes', () => {
    const { jar } = set(
      ['a=1; Max-Age=60; Expires=Thu, 01 Jan 1970 00:00:00 GMT'],
      'https://a.example/',
    );
    expect(get(jar, 'https://a.example/').header).toBe('a=1');
    expect(
      get(jar, 'https://a.example/', undefined, chrome, { now: NOW + 61_000 }).header,
    ).toBeUndefined();
    const deleted = set(['a=; Max-Age=0'], 'https://a.example/', undefined, chrome, jar);
    expect(deleted.outcomes[0]).toMatchObject({ stored: false, deleted: true });
    expect(get(deleted.jar, 'https://a.example/').header).toBeUndefined();
  });

  it('a replaced cookie keeps its creation time (§5.7 step 24)', () => {
    const first = set(['a=1; Path=/', 'b=1; Path=/'], 'https://a.example/');
    const replaced = set(
      ['a=2; Path=/'],
      'https://a.example/',
      undefined,
      chrome,
      first.jar,
      NOW + 5000,
    );
    expect(
      get(replaced.jar, 'https://a.example/', undefined, chrome, { now: NOW + 6000 }).header,
    ).toBe('a=2; b=1');
  });
});

describe('size limits (RFC 6265bis §5.6)', () => {
  it('libsoup 3.2 has no 4096-byte name+value limit (observed); the others ignore the line', () => {
    const line = `a=${'v'.repeat(4096)}; Path=/`;
    const url = 'https://a.example/';
    expect(set([line], url, url, chrome).codes).toEqual(['ExcludeNameValuePairExceedsMaxSize']);
    const { jar, outcomes } = set([line], url, url, webkitgtk);
    expect(outcomes[0]).toMatchObject({ name: 'a', stored: true });
    expect(get(jar, url, url, webkitgtk).header).toBe(`a=${'v'.repeat(4096)}`);
  });

  it('refuses name+value over 4096 bytes; ignores one attribute over 1024', () => {
    expect(set([`a=${'x'.repeat(4096)}`], 'https://a.example/').codes).toEqual([
      'ExcludeNameValuePairExceedsMaxSize',
    ]);
    const long = set([`a=1; Path=/${'p'.repeat(1100)}`], 'https://a.example/x/y');
    expect(long.codes).toEqual(['WarnAttributeValueExceedsMaxSize']);
    expect(get(long.jar, 'https://a.example/x/z').header).toBe('a=1');
    expect(set(['a=1\x01'], 'https://a.example/').codes).toEqual(['ExcludeDisallowedCharacter']);
    expect(set(['='], 'https://a.example/').codes).toEqual(['ExcludeNoCookieContent']);
  });
});

describe('HttpOnly', () => {
  it('is sent but hidden from document.cookie', () => {
    const { jar } = set(['s=1; HttpOnly', 'v=2'], 'https://a.example/');
    expect(get(jar, 'https://a.example/').header).toBe('s=1; v=2');
    expect(documentCookie(jar, new URL('https://a.example/'), chrome, NOW)).toBe('v=2');
  });
});

describe('third-party cookies and partitions (RB §2.6, real-browsers.md)', () => {
  it('Chromium checks third parties schemefully: http page → https sibling (observed)', () => {
    const incognito = PROFILES['chrome-incognito'];
    const strict = PROFILES['firefox-strict'];
    const api = 'https://api.example.com/';
    const app = 'http://app.example.com/';
    const line = 'a=1; SameSite=None; Secure';
    expect(set([line], api, app, incognito).codes).toEqual(['ExcludeThirdPartyPhaseout']);
    expect(set([line], api, app, strict).outcomes[0]).toMatchObject({
      stored: true,
      partitioned: false,
    });
    const { jar } = set([line], api, api, incognito);
    expect(get(jar, api, app, incognito).excluded).toEqual(['ExcludeUserPreferences']);
    expect(get(jar, api, app, strict).header).toBe('a=1');
  });

  const app = 'https://app.example.com/';
  const api = 'https://api.example.net/';
  const none = 'sid=1; SameSite=None; Secure; Path=/';
  const chips = 'sid=1; SameSite=None; Secure; Partitioned; Path=/';

  it('chrome allows; chrome-incognito, safari and webkitgtk block unpartitioned ones', () => {
    expect(set([none], api, app, PROFILES.chrome).outcomes[0]).toMatchObject({
      stored: true,
      partitioned: false,
    });
    for (const profile of [
      PROFILES['chrome-incognito'],
      safari,
      webkitgtk,
      PROFILES['firefox-strict'],
    ])
      expect(set([none], api, app, profile).codes, profile.name).toEqual([
        'ExcludeThirdPartyPhaseout',
      ]);
  });

  it('CHIPS keeps Partitioned cookies when third-party cookies are blocked, keyed by the top-level site', () => {
    const { jar, outcomes } = set([chips], api, app, PROFILES['chrome-incognito']);
    expect(outcomes[0]).toMatchObject({ stored: true, partitioned: true });
    expect(get(jar, api, app, PROFILES['chrome-incognito']).header).toBe('sid=1');
    expect(
      get(jar, api, 'https://other.example.org/', PROFILES['chrome-incognito']).excluded,
    ).toEqual(['ExcludeOtherPartition']);
    expect(get(jar, api, api, PROFILES['chrome-incognito']).excluded).toEqual([
      'ExcludeOtherPartition',
    ]);
    expect(set(['sid=1; SameSite=None; Partitioned'], api, app, PROFILES.chrome).codes).toContain(
      'ExcludeInvalidPartitioned',
    );
  });

  it('firefox-strict rejects Partitioned third-party cookies too', () => {
    expect(set([chips], api, app, PROFILES['firefox-strict']).codes).toEqual([
      'ExcludeThirdPartyPhaseout',
    ]);
  });

  it('Firefox TCP: stored partitioned, sent from that site only, not first-party', () => {
    const { jar, outcomes } = set([none], api, app, firefox);
    expect(outcomes[0]).toMatchObject({ stored: true, partitioned: true });
    expect(get(jar, api, app, firefox).header).toBe('sid=1');
    expect(get(jar, api, api, firefox, { navigation: true }).header).toBeUndefined();
    const firstParty = set([none], api, api, firefox).jar;
    expect(get(firstParty, api, app, firefox).excluded).toEqual(['ExcludeOtherPartition']);
  });

  it('WebKitGTK ignores Partitioned; with third parties allowed stores a cross-site Lax cookie without sending it', () => {
    const allowed = PROFILES['webkitgtk-3p'];
    const partitioned = set([chips], api, app, allowed);
    expect(partitioned.outcomes[0]).toMatchObject({ stored: true, partitioned: false });
    expect(partitioned.codes).toEqual(['PartitionedIgnored']);
    const { jar, outcomes } = set(
      ['lax=1; SameSite=Lax; Path=/'],
      'http://api.example.net/',
      'http://app.example.com/',
      allowed,
    );
    expect(outcomes[0]?.stored).toBe(true);
    expect(
      get(jar, 'http://api.example.net/', 'http://app.example.com/', allowed).excluded,
    ).toEqual(['ExcludeSameSiteLax']);
    expect(
      get(jar, 'http://api.example.net/', 'http://app.example.com/', allowed, { navigation: true })
        .header,
    ).toBe('lax=1');
  });

  it('WebKitGTK (libsoup): under a suffix off the PSL, siblings differ for host-only cookies, not for Domain ones', () => {
    const page = 'http://app.corset.test/';
    const api2 = 'http://api.corset.test/';
    expect(set(['a=1; SameSite=Lax'], api2, page, webkitgtk).codes).toEqual([
      'ExcludeThirdPartyPhaseout',
    ]);
    const { jar, codes } = set(['a=1; SameSite=Lax; Domain=corset.test'], api2, page, webkitgtk);
    expect(codes).toEqual([]);
    expect(get(jar, api2, page, webkitgtk).header).toBe('a=1');
    expect(set(['a=1; SameSite=Lax'], api2, page, PROFILES['chrome-incognito']).codes).toEqual([]);
  });
});
