import { describe, expect, it } from 'vitest';
import {
  REDACTED,
  redactCookieHeader,
  redactDeep,
  redactHeaderValue,
  redactSetCookie,
  redactText,
  secretsOf,
} from '../../../src/doctor/input/index.js';

const JWT =
  'eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsImV4cCI6MTc2NDAwMDAwMH0.c2lnbmF0dXJlLWJ5dGVz';

describe('redaction', () => {
  it('keeps cookie names and attributes, drops values', () => {
    expect(redactCookieHeader('sid=abc; __Host-x=1;flag')).toBe(
      `sid=${REDACTED}; __Host-x=${REDACTED}; ${REDACTED}`,
    );
    expect(redactSetCookie(`__Secure-session=${JWT}; Domain=example.com; Path=/; Secure`)).toBe(
      `__Secure-session=${REDACTED}; Domain=example.com; Path=/; Secure`,
    );
    expect(redactSetCookie('nameless')).toBe(REDACTED);
  });

  it('keeps the Authorization scheme only', () => {
    expect(redactHeaderValue('Authorization', `Bearer ${JWT}`)).toBe(`Bearer ${REDACTED}`);
    expect(redactHeaderValue('proxy-authorization', 'Basic dXNlcjpwYXNz')).toBe(
      `Basic ${REDACTED}`,
    );
    expect(redactHeaderValue('authorization', 'opaque')).toBe(REDACTED);
  });

  it('finds JWTs, bearer tokens and secret query parameters in free text, and leaves prose', () => {
    expect(redactText(`token ${JWT} expired`)).toBe(`token ${REDACTED} expired`);
    expect(redactText('Authorization: Bearer 9f8e7d6c5b4a3f2e1d0c')).toBe(
      `Authorization: Bearer ${REDACTED}`,
    );
    expect(redactText('https://api.example.com/cb?code=Xy12&state=ok&access_token=abc')).toBe(
      `https://api.example.com/cb?code=${REDACTED}&state=ok&access_token=${REDACTED}`,
    );
    const prose = 'or use the Bearer fallback (`corset/client`): see the keys and the session';
    expect(redactText(prose)).toBe(prose);
  });

  it('walks a report: header pairs, HAR header objects, records and cookieHeader', () => {
    const report = {
      page: `https://app.example.com/?token=${JWT}`,
      steps: [
        {
          cookieHeader: 'sid=abc',
          requestHeaders: [
            ['Cookie', 'sid=abc'],
            ['accept', '*/*'],
          ],
          headers: { 'Set-Cookie': ['a=1; Secure'], authorization: 'Bearer xyz' },
          har: { name: 'cookie', value: 'b=2' },
          count: 3,
        },
      ],
    };
    expect(redactDeep(report)).toEqual({
      page: `https://app.example.com/?token=${REDACTED}`,
      steps: [
        {
          cookieHeader: `sid=${REDACTED}`,
          requestHeaders: [
            ['Cookie', `sid=${REDACTED}`],
            ['accept', '*/*'],
          ],
          headers: { 'Set-Cookie': [`a=${REDACTED}; Secure`], authorization: `Bearer ${REDACTED}` },
          har: { name: 'cookie', value: `b=${REDACTED}` },
          count: 3,
        },
      ],
    });
    // The input is not changed.
    expect(report.steps[0]?.cookieHeader).toBe('sid=abc');
  });

  it('removes known secrets wherever a message quotes them (a whole Set-Cookie line)', () => {
    const secrets = secretsOf([
      ['Set-Cookie', 'refresh=ZOvGwf8S6DqyQc.lQCGoE; Path=/auth'],
      ['cookie', 'a=shortv; b=1'],
      ['Authorization', 'Token abcdef123456'],
    ]);
    expect(secrets).toEqual(['ZOvGwf8S6DqyQc.lQCGoE', 'shortv', 'abcdef123456']);
    const message = {
      message:
        'Cookie “refresh=ZOvGwf8S6DqyQc.lQCGoE; Path=/auth” has been rejected (shortv, abcdef123456, 1)',
    };
    expect(redactDeep(message, secrets).message).toBe(
      `Cookie “refresh=${REDACTED}; Path=/auth” has been rejected (${REDACTED}, ${REDACTED}, 1)`,
    );
  });
});
