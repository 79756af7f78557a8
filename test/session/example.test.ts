/**
 * examples/session-server.ts over a real socket, started as `npx tsx` would: preflight,
 * login → cookies → GET /me → refresh → logout, a forged cross-site write, the JWKS.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const APP = 'http://127.0.0.1:5173';
const FROM_APP = { origin: APP, 'sec-fetch-site': 'same-site' };

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: unknown;
  readonly setCookies: string[];
}

let child: ChildProcess;
let base: string;

async function call(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  json?: unknown,
): Promise<Answer> {
  const answer = await request(`${base}${path}`, {
    method: method as 'GET',
    headers: json === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    ...(json === undefined ? {} : { body: JSON.stringify(json) }),
  });
  const text = await answer.body.text();
  const set = answer.headers['set-cookie'];
  return {
    status: answer.statusCode,
    headers: answer.headers,
    body: text === '' ? undefined : JSON.parse(text),
    setCookies: set === undefined ? [] : Array.isArray(set) ? set : [set],
  };
}

/** `name=value` of a set-cookie line. */
const pair = (line: string) => line.split(';')[0] ?? '';
const named = (answer: Answer, name: string) =>
  answer.setCookies.find((line) => line.startsWith(`${name}=`)) ?? '';

beforeAll(async () => {
  child = spawn(
    process.execPath,
    ['--import', 'tsx', 'examples/session-server.ts', '--port', '0'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  base = await new Promise<string>((resolve, reject) => {
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      output += chunk;
      const first = /^(http:\/\/127\.0\.0\.1:\d+)\n/.exec(output);
      if (first?.[1] !== undefined) resolve(first[1]);
    });
    child.stderr?.on('data', (chunk: string) => {
      output += chunk;
    });
    child.once('exit', (code) => reject(new Error(`example exited (${code}): ${output}`)));
  });
});

afterAll(async () => {
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
});

describe('examples/session-server.ts', () => {
  it('answers the login preflight of the app origin, and no other', async () => {
    const asked = {
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    };
    const allowed = await call('OPTIONS', '/auth/login', { origin: APP, ...asked });
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(APP);
    expect(allowed.headers['access-control-allow-credentials']).toBe('true');
    expect(String(allowed.headers['access-control-allow-headers'])).toContain('content-type');
    const other = await call('OPTIONS', '/auth/login', { origin: 'http://evil.test', ...asked });
    expect(other.status).toBe(403);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('logs in, serves /me with the cookie, refreshes, logs out', async () => {
    const wrong = await call('POST', '/auth/login', FROM_APP, {
      username: 'alice',
      password: 'nope',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: { code: 'invalid-credentials' } });

    const login = await call('POST', '/auth/login', FROM_APP, {
      username: 'alice',
      password: 'wonderland',
    });
    expect(login.status).toBe(200);
    expect(login.body).toEqual({
      user: { id: 'u-alice', name: 'Alice' },
      transport: 'cookie',
      expiresIn: 600,
    });
    // Plain-http loopback: no Secure, no prefix; the refresh cookie scoped to /auth.
    expect(named(login, 'session')).toMatch(/; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(named(login, 'session-refresh')).toMatch(/; Path=\/auth; HttpOnly; SameSite=Lax$/);
    const access = pair(named(login, 'session'));
    const refresh = pair(named(login, 'session-refresh'));

    const me = await call('GET', '/me', { ...FROM_APP, cookie: access });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ user: { id: 'u-alice', name: 'Alice' }, transport: 'cookie' });
    expect(me.headers['access-control-allow-origin']).toBe(APP);

    const anonymous = await call('GET', '/me', FROM_APP);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ error: { code: 'no-session', action: 'login' } });

    const refreshed = await call('POST', '/auth/refresh', { ...FROM_APP, cookie: refresh });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toMatchObject({ user: { id: 'u-alice' }, transport: 'cookie' });
    const rotated = pair(named(refreshed, 'session-refresh'));
    expect(rotated).not.toBe(refresh);
    const meAgain = await call('GET', '/me', {
      ...FROM_APP,
      cookie: pair(named(refreshed, 'session')),
    });
    expect(meAgain.status).toBe(200);

    const logout = await call('POST', '/auth/logout', { ...FROM_APP, cookie: rotated });
    expect(logout.status).toBe(204);
    expect(logout.setCookies.map((line) => /Max-Age=0/.test(line))).toEqual([true, true]);
    const after = await call('POST', '/auth/refresh', { ...FROM_APP, cookie: rotated });
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ error: { code: 'refresh-revoked' } });
  });

  it('refuses a forged cross-site write carrying the cookie', async () => {
    const login = await call('POST', '/auth/login', FROM_APP, {
      username: 'bob',
      password: 'builder',
    });
    const cookies = login.setCookies.map(pair).join('; ');
    const forged = await call('POST', '/auth/logout', {
      origin: 'https://evil.example',
      'sec-fetch-site': 'cross-site',
      cookie: cookies,
    });
    expect(forged.status).toBe(403);
    expect(forged.body).toMatchObject({ error: { code: 'csrf/cross-site-untrusted-origin' } });
  });

  it('publishes the public signing key', async () => {
    const jwks = await call('GET', '/.well-known/jwks.json');
    expect(jwks.body).toEqual({
      keys: [
        {
          kty: 'OKP',
          crv: 'Ed25519',
          x: expect.any(String),
          kid: expect.any(String),
          alg: 'EdDSA',
          use: 'sig',
        },
      ],
    });
  });
});
