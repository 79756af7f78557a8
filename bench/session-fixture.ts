/**
 * The session stack the benchmarks measure: corset's entry point (`createCorset`) for an
 * app on `http://localhost:8080` calling an API on `http://localhost:3000` (the demo's
 * default topology), EdDSA-signed access tokens in a cookie, and one logged-in user. The
 * request is a credentialed cross-origin `POST` as a browser sends it, so every layer
 * works: CORS decision, cookie parse, CSRF check (unsafe method, trusted `Origin`), JWT
 * verification.
 */
import { type Corset, createCorset, generateKeySpec } from '../src/session/index.js';

export const APP_ORIGIN = 'http://localhost:8080';
export const API_ORIGIN = 'http://localhost:3000';

/** A built entry point and the headers of an authenticated request to it. */
export interface SessionFixture {
  readonly corset: Corset;
  /** Request headers (lower-case names) of an authenticated cross-origin POST. */
  readonly headers: Readonly<Record<string, string>>;
}

/** Builds the entry point (`verifyCache` on or off) and logs user `u1` in. */
export async function sessionFixture(verifyCache: boolean): Promise<SessionFixture> {
  const corset = await createCorset({
    appOrigins: [APP_ORIGIN],
    apiOrigin: API_ORIGIN,
    session: {
      keys: { keys: [await generateKeySpec('EdDSA', 'bench-1')], signingKid: 'bench-1' },
      ...(verifyCache ? { verifyCache: { maxEntries: 1_000 } } : {}),
    },
  });
  const loginHeaders: Record<string, string> = {
    origin: APP_ORIGIN,
    'sec-fetch-site': 'same-site',
    'content-type': 'application/json',
  };
  const response = await corset.login(
    { method: 'POST', header: (name) => loginHeaders[name], requestOrigin: API_ORIGIN },
    { id: 'u1' },
  );
  // `name=value` of each Set-Cookie, as a browser would send them back.
  const cookie = response.headers
    .filter(([name]) => name === 'set-cookie')
    .map(([, value]) => value.split(';')[0])
    .join('; ');
  if (response.status !== 200 || cookie === '') {
    throw new Error(`bench login failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return {
    corset,
    headers: {
      origin: APP_ORIGIN,
      'sec-fetch-site': 'same-site',
      'content-type': 'application/json',
      cookie,
    },
  };
}
