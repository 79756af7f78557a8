import { describe, expect, it } from 'vitest';
import { parseRawHeaders } from '../../../src/doctor/input/index.js';

describe('parseRawHeaders', () => {
  it('pairs HTTP/1.1 requests with the response after each, skipping bodies', () => {
    const text = [
      'OPTIONS /auth/login HTTP/1.1',
      'Host: api.example.com',
      'Origin: https://app.example.com',
      'Access-Control-Request-Method: POST',
      '',
      'HTTP/1.1 204 No Content',
      'Access-Control-Allow-Origin: https://app.example.com',
      '',
      'POST https://api.example.com/auth/login HTTP/1.1',
      'Content-Type: application/json',
      '',
      '{"username": "alice"}',
      'note: not a header, a body line',
      'HTTP/1.1 200 OK',
      'Set-Cookie: sid=abc; Secure',
      'Set-Cookie: other=1',
    ].join('\r\n');
    const { entries, notes } = parseRawHeaders(text);
    // The first request names no scheme (the second is absolute).
    expect(notes.map((n) => [n.code, n.entry])).toEqual([['SchemeAssumed', 0]]);
    expect(entries).toEqual([
      {
        index: 0,
        method: 'OPTIONS',
        url: 'https://api.example.com/auth/login',
        requestHeaders: [
          ['Host', 'api.example.com'],
          ['Origin', 'https://app.example.com'],
          ['Access-Control-Request-Method', 'POST'],
        ],
        status: 204,
        responseHeaders: [['Access-Control-Allow-Origin', 'https://app.example.com']],
      },
      {
        index: 1,
        method: 'POST',
        url: 'https://api.example.com/auth/login',
        requestHeaders: [['Content-Type', 'application/json']],
        status: 200,
        responseHeaders: [
          ['Set-Cookie', 'sid=abc; Secure'],
          ['Set-Cookie', 'other=1'],
        ],
      },
    ]);
  });

  it('reads curl -v output: > and < markers, * notes (TLS means https), { data lines', () => {
    const text = [
      '*   Trying 127.0.0.1:3443...',
      '* Connected to api.example.com (127.0.0.1) port 3443',
      '* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384',
      '> GET /me HTTP/2',
      '> Host: api.example.com:3443',
      '> Origin: https://app.example.com:8443',
      '> Cookie: sid=abc',
      '>',
      '< HTTP/2 401 ',
      '< access-control-allow-origin: *',
      '<',
      '{ [5 bytes data]',
    ].join('\n');
    const { entries } = parseRawHeaders(text);
    expect(entries).toMatchObject([
      {
        method: 'GET',
        url: 'https://api.example.com:3443/me',
        requestHeaders: [
          ['Host', 'api.example.com:3443'],
          ['Origin', 'https://app.example.com:8443'],
          ['Cookie', 'sid=abc'],
        ],
        status: 401,
        responseHeaders: [['access-control-allow-origin', '*']],
      },
    ]);
  });

  it('reads HTTP/2 pseudo-headers as DevTools shows them', () => {
    const text = [
      ':authority: api.example.com',
      ':method: DELETE',
      ':path: /notes/7',
      ':scheme: https',
      'origin: https://app.example.com',
      '',
      ':status: 204',
      'access-control-allow-origin: https://app.example.com',
    ].join('\n');
    expect(parseRawHeaders(text).entries).toMatchObject([
      {
        method: 'DELETE',
        url: 'https://api.example.com/notes/7',
        requestHeaders: [['origin', 'https://app.example.com']],
        status: 204,
      },
    ]);
  });

  it('assumes the scheme of the Origin when nothing says it, with a note; port 80 is http', () => {
    const { entries, notes } = parseRawHeaders(
      'GET /me HTTP/1.1\nHost: localhost:3000\nOrigin: http://localhost:8080\n\nGET /x HTTP/1.1\nHost: api.example.com:80\n',
    );
    expect(entries.map((e) => [e.url, e.status])).toEqual([
      ['http://localhost:3000/me', 0],
      ['http://api.example.com/x', 0],
    ]);
    expect(notes.map((n) => [n.code, n.entry])).toEqual([['SchemeAssumed', 0]]);
  });

  it('an HTTP/2 request line (Firefox "Raw" headers) means https', () => {
    const { entries, notes } = parseRawHeaders(
      'GET /me HTTP/2\nHost: api.example.com\n\nHTTP/2 200 \n',
    );
    expect(entries.map((e) => [e.url, e.status])).toEqual([['https://api.example.com/me', 200]]);
    expect(notes).toEqual([]);
  });

  it('notes a response with no request, and a request with no URL', () => {
    const { entries, notes } = parseRawHeaders(
      'HTTP/1.1 200 OK\nA: b\n\nGET /me HTTP/1.1\nOrigin: https://app.example.com\n',
    );
    expect(entries).toEqual([]);
    expect(notes.map((n) => n.code)).toEqual(['ResponseWithoutRequest', 'InvalidEntry']);
  });

  it('finds nothing in prose', () => {
    expect(parseRawHeaders('my cookie does not work, please help').entries).toEqual([]);
  });
});
