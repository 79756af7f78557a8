/**
 * The doctor's HTTP client on real loopback sockets: `--resolve` keeps the name for Host,
 * SNI and the certificate check; `--ca` and `--insecure`; `--timeout`; no redirect is
 * followed; failures come back as one-line data, never thrown. Plus the option parsers.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionSettings, parseDuration } from '../../../src/cli/connection-options.js';
import { UsageError } from '../../../src/cli/usage-error.js';
import type { RunningDemo } from '../../../src/demo/start.js';
import {
  createHttpClient,
  DEFAULT_CONNECTION,
  describeNetError,
  parseResolve,
} from '../../../src/doctor/net/index.js';
import { demoConnection, startTestDemo } from './demo-harness.js';

let seen: IncomingMessage[] = [];
let server: Server;
let port: number;
let silent: Server;
let silentPort: number;

function listen(s: Server): Promise<number> {
  return new Promise((resolve) =>
    s.listen(0, '127.0.0.1', () => resolve((s.address() as AddressInfo).port)),
  );
}

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req);
    if (req.url === '/redirect') {
      res.writeHead(302, { location: '/elsewhere' });
      res.end();
      return;
    }
    res.setHeader('set-cookie', ['a=1; Path=/', 'b=2; Path=/']);
    res.end('hello');
  });
  port = await listen(server);
  // Accepts connections and never answers: what --timeout is for.
  silent = createServer(() => {});
  silentPort = await listen(silent);
});

afterAll(async () => {
  server.closeAllConnections();
  silent.closeAllConnections();
  await Promise.all([new Promise((r) => server.close(r)), new Promise((r) => silent.close(r))]);
});

describe('createHttpClient', () => {
  it('sends the headers as given (Origin, Cookie, Sec-Fetch-*) and keeps Set-Cookie lines apart', async () => {
    seen = [];
    const client = createHttpClient(DEFAULT_CONNECTION);
    const out = await client.send({
      url: `http://127.0.0.1:${port}/x`,
      method: 'GET',
      headers: [
        ['origin', 'https://app.example.com'],
        ['cookie', 'sid=1'],
        ['sec-fetch-site', 'cross-site'],
      ],
    });
    await client.close();
    expect(out.ok && out.response.status).toBe(200);
    expect(out.ok && out.response.body).toBe('hello');
    expect(out.ok && out.response.headers.filter(([n]) => n === 'set-cookie')).toEqual([
      ['set-cookie', 'a=1; Path=/'],
      ['set-cookie', 'b=2; Path=/'],
    ]);
    expect(seen[0]?.headers).toMatchObject({
      origin: 'https://app.example.com',
      cookie: 'sid=1',
      'sec-fetch-site': 'cross-site',
    });
  });

  it('never follows a redirect: the 3xx is the answer', async () => {
    seen = [];
    const client = createHttpClient(DEFAULT_CONNECTION);
    const out = await client.send({
      url: `http://127.0.0.1:${port}/redirect`,
      method: 'GET',
      headers: [],
    });
    await client.close();
    expect(out.ok && [out.response.status, out.response.headers]).toEqual([
      302,
      expect.arrayContaining([['location', '/elsewhere']]),
    ]);
    expect(seen.map((r) => r.url)).toEqual(['/redirect']);
  });

  it('gives up after --timeout with one line saying so', async () => {
    const client = createHttpClient({ ...DEFAULT_CONNECTION, timeoutMs: 300 });
    const started = Date.now();
    const out = await client.send({
      url: `http://127.0.0.1:${silentPort}/`,
      method: 'GET',
      headers: [],
    });
    await client.close();
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(out).toEqual({
      ok: false,
      error: {
        kind: 'timeout',
        message: `127.0.0.1:${silentPort} did not answer within 300 ms (raise --timeout, or check the server is up)`,
      },
    });
  });

  it('reports a refused connection, a bad URL and a non-http scheme as data', async () => {
    const closed = createServer();
    const closedPort = await listen(closed);
    await new Promise((r) => closed.close(r));
    const client = createHttpClient(DEFAULT_CONNECTION);
    const refused = await client.send({
      url: `http://127.0.0.1:${closedPort}/`,
      method: 'GET',
      headers: [],
    });
    const bad = await client.send({ url: 'not a url', method: 'GET', headers: [] });
    const ftp = await client.send({ url: 'ftp://127.0.0.1/', method: 'GET', headers: [] });
    await client.close();
    expect(!refused.ok && refused.error).toMatchObject({ kind: 'refused', code: 'ECONNREFUSED' });
    expect(!refused.ok && refused.error.message).toMatch(/^connection refused by 127\.0\.0\.1:\d+/);
    expect(!bad.ok && bad.error.kind).toBe('invalid-url');
    expect(!ftp.ok && ftp.error.kind).toBe('unsupported-scheme');
    for (const out of [refused, bad, ftp]) expect(!out.ok && out.error.message).not.toContain('\n');
  });
});

describe('HTTPS with --resolve, --ca and --insecure (the demo API)', () => {
  let demo: RunningDemo;
  beforeAll(async () => {
    demo = await startTestDemo('subdomains');
  });
  afterAll(async () => {
    await demo.stop();
  });
  const health = () => ({ url: `${demo.apiUrl}/health`, method: 'GET', headers: [] });

  it('reaches api.example.com on 127.0.0.1, name kept for Host, SNI and the certificate', async () => {
    const client = createHttpClient(demoConnection(demo));
    const out = await client.send(health());
    await client.close();
    expect(out.ok && out.response.status).toBe(200);
  });

  it('refuses the demo certificate without --ca, and says which option fixes it', async () => {
    const { ca: _ca, ...settings } = demoConnection(demo);
    const client = createHttpClient(settings);
    const out = await client.send(health());
    await client.close();
    expect(!out.ok && out.error.kind).toBe('tls');
    expect(!out.ok && out.error.message).toMatch(/--ca <file>, or skip the check with --insecure/);
  });

  it('accepts it with --insecure', async () => {
    const { ca: _ca, ...settings } = demoConnection(demo);
    const client = createHttpClient({ ...settings, insecure: true });
    const out = await client.send(health());
    await client.close();
    expect(out.ok && out.response.status).toBe(200);
  });

  it('checks the name, not the mapped address: a mapping to a name the leaf lacks fails', async () => {
    // The leaf covers app/api.example.com; reaching it as another name must fail the check.
    const api = new URL(demo.apiUrl);
    const client = createHttpClient({
      ...demoConnection(demo),
      resolve: [{ host: 'other.example.org', port: Number(api.port), address: '127.0.0.1' }],
    });
    const out = await client.send({
      ...health(),
      url: `https://other.example.org:${api.port}/health`,
    });
    await client.close();
    expect(!out.ok && out.error).toMatchObject({
      kind: 'tls',
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
    });
  });
});

describe('describeNetError', () => {
  it('names --resolve for a host DNS does not know', () => {
    const error = Object.assign(new Error('getaddrinfo ENOTFOUND api.corset.test'), {
      code: 'ENOTFOUND',
    });
    expect(describeNetError(error, new URL('https://api.corset.test:3443/me'), 1000)).toEqual({
      kind: 'dns',
      code: 'ENOTFOUND',
      message:
        'cannot resolve api.corset.test: no such host (map it with --resolve api.corset.test:3443:127.0.0.1 if it runs locally)',
    });
  });

  it('finds the code on the cause undici wraps', () => {
    const error = Object.assign(new Error('fetch failed'), {
      cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }),
    });
    expect(describeNetError(error, new URL('http://h/'), 1000).kind).toBe('reset');
  });
});

describe('connection options', () => {
  it('parses --resolve like curl', () => {
    expect(parseResolve('API.example.com:443:127.0.0.1')).toEqual({
      ok: true,
      entry: { host: 'api.example.com', port: 443, address: '127.0.0.1' },
    });
    expect(parseResolve('h:8443:[::1]')).toEqual({
      ok: true,
      entry: { host: 'h', port: 8443, address: '::1' },
    });
    expect(parseResolve('h:8443:::1')).toMatchObject({ ok: true, entry: { address: '::1' } });
    for (const bad of [
      'h:443',
      'h:0:127.0.0.1',
      'h:x:127.0.0.1',
      'h:443:localhost',
      ':443:1.2.3.4',
    ])
      expect(parseResolve(bad).ok, bad).toBe(false);
  });

  it('parses --timeout durations', () => {
    expect(parseDuration('10')).toBe(10_000);
    expect(parseDuration('2.5')).toBe(2_500);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('5s')).toBe(5_000);
    expect(parseDuration('1m')).toBe(60_000);
    for (const bad of ['0', '-1', 'soon', '5h', '0.0001'])
      expect(parseDuration(bad), bad).toBeUndefined();
  });

  it('reports every wrong option at once, as one usage error', () => {
    const call = () =>
      connectionSettings(
        'doctor',
        { resolve: ['nope', 'h:1:127.0.0.1'], timeout: 'soon', ca: '/no/such.pem' },
        () => {
          throw Object.assign(new Error('missing'), { code: 'ENOENT' });
        },
      );
    expect(call).toThrow(UsageError);
    expect(call).toThrow(
      "doctor: --resolve 'nope' is not host:port:address (e.g. api.example.com:443:127.0.0.1); --timeout 'soon' is not a positive duration (write 10, 5s or 500ms); --ca cannot read '/no/such.pem' (ENOENT): give a PEM file of CA certificates",
    );
  });

  it('turns good flags into settings and refuses a --ca file without a certificate', () => {
    expect(
      connectionSettings(
        'audit',
        { resolve: ['h:1:127.0.0.1'], insecure: true, timeout: '250ms', ca: 'ca.pem' },
        () => '-----BEGIN CERTIFICATE-----\n...',
      ),
    ).toEqual({
      resolve: [{ host: 'h', port: 1, address: '127.0.0.1' }],
      insecure: true,
      timeoutMs: 250,
      ca: '-----BEGIN CERTIFICATE-----\n...',
    });
    expect(() => connectionSettings('audit', { ca: 'key.pem' }, () => 'not pem')).toThrow(
      /holds no PEM certificate/,
    );
  });
});
