import * as fc from 'fast-check';
import { base64url, CompactSign, decodeProtectedHeader, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createAccessTokens } from '../../src/session/access-token.js';
import { createKeySet, generateKeySpec } from '../../src/session/keys.js';
import { AUDIENCE, ISSUER, manualClock, publicOnly, singleKeyTokens } from './token-fixtures.js';

const encoder = new TextEncoder();

function segments(token: string): [string, string, string] {
  const [h, p, s] = token.split('.');
  if (h === undefined || p === undefined || s === undefined) throw new Error('not a JWS');
  return [h, p, s];
}

function encodeJson(value: unknown): string {
  return base64url.encode(JSON.stringify(value));
}

async function issued(tokens: Awaited<ReturnType<typeof singleKeyTokens>>['tokens']) {
  const result = await tokens.issue({ sub: 'user-1', sid: 'sid-1', claims: { role: 'admin' } });
  if (!result.ok) throw new Error(result.message);
  return result;
}

describe('issue and verify', () => {
  for (const alg of ['EdDSA', 'ES256', 'HS256'] as const) {
    it(`round-trips with ${alg}: header kid/alg/typ, registered claims, lifetime`, async () => {
      const { tokens, clock } = await singleKeyTokens(alg);
      const { token, expiresIn, expiresAt } = await issued(tokens);
      expect(decodeProtectedHeader(token)).toEqual({ alg, kid: `${alg}-1`, typ: 'at+jwt' });
      const result = await tokens.verify(token);
      expect(result).toEqual({
        ok: true,
        claims: {
          sub: 'user-1',
          sid: 'sid-1',
          role: 'admin',
          iss: ISSUER,
          aud: AUDIENCE,
          iat: clock.now() / 1000,
          exp: clock.now() / 1000 + 600,
        },
      });
      expect(expiresIn).toBe(600);
      expect(expiresAt).toBe(clock.now() + 600_000);
    });
  }

  it('returns frozen claims', async () => {
    const { tokens } = await singleKeyTokens();
    const result = await tokens.verify((await issued(tokens)).token);
    if (!result.ok) throw new Error(result.message);
    expect(Object.isFrozen(result.claims)).toBe(true);
  });

  it('writes jti when given and refuses registered names among application claims', async () => {
    const { tokens } = await singleKeyTokens();
    const withJti = await tokens.issue({ sub: 'u', sid: 's', jti: 'j-1' });
    if (!withJti.ok) throw new Error(withJti.message);
    expect(await tokens.verify(withJti.token)).toMatchObject({ ok: true, claims: { jti: 'j-1' } });
    expect(await tokens.issue({ sub: 'u', sid: 's', claims: { exp: 1, aud: 'x' } })).toEqual({
      ok: false,
      code: 'invalid-claims',
      message: expect.stringContaining('exp, aud'),
    });
    expect(await tokens.issue({ sub: '', sid: 's' })).toMatchObject({ ok: false });
    expect(await tokens.issue({ sub: 'u', sid: '' })).toMatchObject({ ok: false });
    expect(await tokens.issue({ sub: 'u', sid: 's', claims: { n: 1n } })).toMatchObject({
      ok: false,
      code: 'invalid-claims',
    });
  });
});

describe('refusals', () => {
  it('tampered payload: invalid-signature', async () => {
    const { tokens } = await singleKeyTokens();
    const [h, p, s] = segments((await issued(tokens)).token);
    const claims = JSON.parse(new TextDecoder().decode(base64url.decode(p)));
    const forged = `${h}.${encodeJson({ ...claims, sub: 'someone-else' })}.${s}`;
    expect(await tokens.verify(forged)).toMatchObject({ ok: false, code: 'invalid-signature' });
  });

  it('tampered signature: invalid-signature', async () => {
    const { tokens } = await singleKeyTokens();
    const [h, p, s] = segments((await issued(tokens)).token);
    const middle = s.length >> 1;
    const flipped = s[middle] === 'A' ? 'B' : 'A';
    const forged = `${h}.${p}.${s.slice(0, middle)}${flipped}${s.slice(middle + 1)}`;
    expect(await tokens.verify(forged)).toMatchObject({ ok: false, code: 'invalid-signature' });
  });

  it('expired after exp + clock tolerance, accepted within it', async () => {
    const { tokens, clock } = await singleKeyTokens();
    const { token } = await issued(tokens);
    clock.advance(600_000 + 4_000);
    expect(await tokens.verify(token)).toMatchObject({ ok: true });
    clock.advance(2_000);
    expect(await tokens.verify(token)).toEqual({
      ok: false,
      code: 'expired',
      message: expect.stringContaining('refresh'),
    });
  });

  it('a token whose exp is far beyond iat + ttl still expires at iat + ttl', async () => {
    const { tokens, spec, clock } = await singleKeyTokens('HS256');
    if (spec.secret === undefined) throw new Error('fixture');
    const iat = clock.now() / 1000;
    const long = await new SignJWT({ sub: 'u', sid: 's' })
      .setProtectedHeader({ alg: 'HS256', kid: spec.kid, typ: 'at+jwt' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 86_400)
      .sign(spec.secret);
    expect(await tokens.verify(long)).toMatchObject({ ok: true });
    clock.advance(700_000);
    expect(await tokens.verify(long)).toMatchObject({ ok: false, code: 'expired' });
  });

  it('issued by a clock ahead beyond the tolerance: not-yet-valid', async () => {
    const clock = manualClock();
    const { keys, tokens } = await singleKeyTokens('EdDSA', clock);
    const ahead = createAccessTokens({
      keys,
      issuer: ISSUER,
      audience: AUDIENCE,
      now: () => clock.now() + 60_000,
    });
    const result = await ahead.issue({ sub: 'u', sid: 's' });
    if (!result.ok) throw new Error(result.message);
    expect(await tokens.verify(result.token)).toMatchObject({ ok: false, code: 'not-yet-valid' });
  });

  it('wrong audience and wrong issuer', async () => {
    const { keys, tokens, clock } = await singleKeyTokens();
    const { token } = await issued(tokens);
    const otherAudience = createAccessTokens({
      keys,
      issuer: ISSUER,
      audience: 'https://billing.example.com',
      now: clock.now,
    });
    const otherIssuer = createAccessTokens({
      keys,
      issuer: 'https://login.example.com',
      audience: AUDIENCE,
      now: clock.now,
    });
    expect(await otherAudience.verify(token)).toMatchObject({ ok: false, code: 'wrong-audience' });
    expect(await otherIssuer.verify(token)).toMatchObject({ ok: false, code: 'wrong-issuer' });
  });

  it('accepts a token naming any of several audiences', async () => {
    const { keys, tokens, clock } = await singleKeyTokens();
    const { token } = await issued(tokens);
    const either = createAccessTokens({
      keys,
      issuer: ISSUER,
      audience: ['https://billing.example.com', AUDIENCE],
      now: clock.now,
    });
    expect(await either.verify(token)).toMatchObject({ ok: true });
  });

  it('alg none: alg-not-allowed', async () => {
    const { tokens, spec } = await singleKeyTokens();
    const [, p] = segments((await issued(tokens)).token);
    for (const alg of ['none', 'None', 'NONE']) {
      const unsigned = `${encodeJson({ alg, kid: spec.kid, typ: 'at+jwt' })}.${p}.`;
      expect(await tokens.verify(unsigned)).toMatchObject({ ok: false, code: 'alg-not-allowed' });
    }
  });

  it('algorithm confusion: HS256 signed with the public key bytes is refused', async () => {
    const clock = manualClock();
    const ed = await generateKeySpec('EdDSA', 'ed');
    const hs = await generateKeySpec('HS256', 'hs');
    // HS256 is among the set's algorithms here, so only the per-key pin can refuse it.
    const keys = await createKeySet({ keys: [ed, hs], signingKid: 'ed', now: clock.now });
    const tokens = createAccessTokens({ keys, issuer: ISSUER, audience: AUDIENCE, now: clock.now });
    const [, p] = segments((await issued(tokens)).token);
    const publicJwk = keys.jwks().keys[0];
    if (publicJwk?.x === undefined) throw new Error('fixture');
    const candidates = [
      base64url.decode(publicJwk.x),
      encoder.encode(JSON.stringify(publicJwk)),
      encoder.encode(publicJwk.x),
    ];
    for (const secret of candidates) {
      const key = await crypto.subtle.importKey(
        'raw',
        secret.slice(),
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['sign'],
      );
      const h = encodeJson({ alg: 'HS256', kid: 'ed', typ: 'at+jwt' });
      const signature = new Uint8Array(
        await crypto.subtle.sign('HMAC', key, encoder.encode(`${h}.${p}`)),
      );
      const forged = `${h}.${p}.${base64url.encode(signature)}`;
      expect(await tokens.verify(forged)).toMatchObject({ ok: false, code: 'alg-not-allowed' });
    }
  });

  it('an EdDSA token presented under an HS256 key id is refused too', async () => {
    const clock = manualClock();
    const ed = await generateKeySpec('EdDSA', 'ed');
    const hs = await generateKeySpec('HS256', 'hs');
    const keys = await createKeySet({ keys: [ed, hs], signingKid: 'ed', now: clock.now });
    const tokens = createAccessTokens({ keys, issuer: ISSUER, audience: AUDIENCE, now: clock.now });
    const [, p, s] = segments((await issued(tokens)).token);
    const relabelled = `${encodeJson({ alg: 'EdDSA', kid: 'hs', typ: 'at+jwt' })}.${p}.${s}`;
    expect(await tokens.verify(relabelled)).toMatchObject({ ok: false, code: 'alg-not-allowed' });
  });

  it('unknown kid and missing kid: unknown-kid', async () => {
    const { tokens } = await singleKeyTokens();
    const stranger = await singleKeyTokens('EdDSA');
    const other = await generateKeySpec('EdDSA', 'elsewhere');
    const strangerKeys = await createKeySet({ keys: [other], signingKid: 'elsewhere' });
    const foreign = createAccessTokens({ keys: strangerKeys, issuer: ISSUER, audience: AUDIENCE });
    const result = await foreign.issue({ sub: 'u', sid: 's' });
    if (!result.ok) throw new Error(result.message);
    expect(await tokens.verify(result.token)).toMatchObject({ ok: false, code: 'unknown-kid' });
    // Same kid as ours, different key material: the signature fails.
    const clash = await stranger.tokens.issue({ sub: 'u', sid: 's' });
    if (!clash.ok) throw new Error(clash.message);
    expect(await tokens.verify(clash.token)).toMatchObject({
      ok: false,
      code: 'invalid-signature',
    });
    const [, p, s] = segments((await issued(tokens)).token);
    const noKid = `${encodeJson({ alg: 'EdDSA', typ: 'at+jwt' })}.${p}.${s}`;
    expect(await tokens.verify(noKid)).toEqual({
      ok: false,
      code: 'unknown-kid',
      message: 'The access token header has no kid.',
    });
  });

  it('wrong typ (an ID token signed by the same key): wrong-type', async () => {
    const { tokens, spec, clock } = await singleKeyTokens('HS256');
    if (spec.secret === undefined) throw new Error('fixture');
    const iat = clock.now() / 1000;
    const idToken = await new SignJWT({ sub: 'u', sid: 's' })
      .setProtectedHeader({ alg: 'HS256', kid: spec.kid, typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 60)
      .sign(spec.secret);
    expect(await tokens.verify(idToken)).toMatchObject({ ok: false, code: 'wrong-type' });
  });

  it('missing or mistyped sid/sub: missing-claim', async () => {
    const { tokens, spec, clock } = await singleKeyTokens('HS256');
    if (spec.secret === undefined) throw new Error('fixture');
    const iat = clock.now() / 1000;
    const sign = (payload: Record<string, unknown>) =>
      new SignJWT(payload)
        .setProtectedHeader({ alg: 'HS256', kid: spec.kid, typ: 'at+jwt' })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(iat)
        .setExpirationTime(iat + 60)
        .sign(spec.secret as Uint8Array);
    for (const payload of [
      { sub: 'u' },
      { sid: 's' },
      { sub: 'u', sid: 7 },
      { sub: '', sid: 's' },
    ]) {
      expect(await tokens.verify(await sign(payload))).toMatchObject({
        ok: false,
        code: 'missing-claim',
      });
    }
  });

  it('malformed input never throws', async () => {
    const { tokens } = await singleKeyTokens();
    const [h, p] = segments((await issued(tokens)).token);
    for (const input of [
      undefined,
      null,
      42,
      '',
      'abc',
      'a.b',
      'a.b.c.d',
      `${h}.${p}`,
      `${h}.!!!.sig`,
      `${encodeJson('not an object')}.${p}.x`,
      `${h}.${'A'.repeat(9000)}.x`,
      `${encodeJson({ alg: 'EdDSA', kid: 'EdDSA-1', typ: 'at+jwt', crit: ['exp'] })}.${p}.x`,
    ]) {
      expect(await tokens.verify(input)).toMatchObject({ ok: false, code: 'malformed' });
    }
  });

  it('property: any string, or a valid token with one character changed, is refused without throwing', async () => {
    const { tokens } = await singleKeyTokens();
    const { token } = await issued(tokens);
    const [h, p] = segments(token);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (input) => {
        const result = await tokens.verify(input);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 200 },
    );
    // Positions inside the header and payload (their last character may carry unused
    // base64 bits, so it is left out).
    const editable = h.length + 1 + p.length - 1;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: editable - 1 }),
        fc.constantFrom(...alphabet),
        async (index, char) => {
          fc.pre(index !== h.length - 1 && index !== h.length && token[index] !== char);
          const mutated = token.slice(0, index) + char + token.slice(index + 1);
          const result = await tokens.verify(mutated);
          expect(result.ok).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('key rotation', () => {
  it('a retired key verifies during its grace period, then is refused and leaves the JWKS', async () => {
    const clock = manualClock();
    const k1 = await generateKeySpec('EdDSA', 'k1');
    const k2 = await generateKeySpec('ES256', 'k2');
    const before = await createKeySet({ keys: [k1], signingKid: 'k1', now: clock.now });
    const oldIssuer = createAccessTokens({
      keys: before,
      issuer: ISSUER,
      audience: AUDIENCE,
      now: clock.now,
    });
    const old = await oldIssuer.issue({ sub: 'u', sid: 's' });
    if (!old.ok) throw new Error(old.message);

    const graceEnd = new Date(clock.now() + 15 * 60_000);
    const after = await createKeySet({
      keys: [k2, publicOnly(k1, graceEnd)],
      signingKid: 'k2',
      now: clock.now,
    });
    const tokens = createAccessTokens({
      keys: after,
      issuer: ISSUER,
      audience: AUDIENCE,
      ttlSeconds: 1800,
      now: clock.now,
    });
    const fresh = await tokens.issue({ sub: 'u', sid: 's' });
    if (!fresh.ok) throw new Error(fresh.message);
    expect(decodeProtectedHeader(fresh.token).kid).toBe('k2');
    expect(await tokens.verify(old.token)).toMatchObject({ ok: true });
    expect(after.jwks().keys.map((k) => k.kid)).toEqual(['k2', 'k1']);

    clock.set(graceEnd.getTime());
    expect(await tokens.verify(old.token)).toMatchObject({ ok: false, code: 'key-retired' });
    expect(await tokens.verify(fresh.token)).toMatchObject({ ok: true });
    expect(after.jwks().keys.map((k) => k.kid)).toEqual(['k2']);
  });
});

describe('verification cache', () => {
  it('serves a repeated token from the cache (same frozen claims object)', async () => {
    const { tokens } = await singleKeyTokens('EdDSA', manualClock(), { cache: { maxEntries: 4 } });
    const { token } = await issued(tokens);
    const first = await tokens.verify(token);
    const second = await tokens.verify(token);
    if (!first.ok || !second.ok) throw new Error('expected success');
    expect(second.claims).toBe(first.claims);
  });

  it('never serves an entry after exp', async () => {
    const { tokens, clock } = await singleKeyTokens('EdDSA', manualClock(), {
      cache: { maxEntries: 4 },
    });
    const { token } = await issued(tokens);
    expect(await tokens.verify(token)).toMatchObject({ ok: true });
    clock.advance(600_000 + 10_000);
    expect(await tokens.verify(token)).toMatchObject({ ok: false, code: 'expired' });
  });

  it('never serves an entry after its key retired', async () => {
    const clock = manualClock();
    const k1 = await generateKeySpec('EdDSA', 'k1');
    const k2 = await generateKeySpec('EdDSA', 'k2');
    const oldKeys = await createKeySet({ keys: [k1], signingKid: 'k1', now: clock.now });
    const old = await createAccessTokens({
      keys: oldKeys,
      issuer: ISSUER,
      audience: AUDIENCE,
      now: clock.now,
    }).issue({ sub: 'u', sid: 's' });
    if (!old.ok) throw new Error(old.message);
    const keys = await createKeySet({
      keys: [k2, publicOnly(k1, new Date(clock.now() + 60_000))],
      signingKid: 'k2',
      now: clock.now,
    });
    const tokens = createAccessTokens({
      keys,
      issuer: ISSUER,
      audience: AUDIENCE,
      now: clock.now,
      cache: { maxEntries: 4 },
    });
    expect(await tokens.verify(old.token)).toMatchObject({ ok: true });
    clock.advance(60_000);
    expect(await tokens.verify(old.token)).toMatchObject({ ok: false, code: 'key-retired' });
  });

  it('does not cache refusals', async () => {
    const { tokens } = await singleKeyTokens('EdDSA', manualClock(), { cache: { maxEntries: 4 } });
    const [h, p] = segments((await issued(tokens)).token);
    const forged = `${h}.${p}.${'A'.repeat(86)}`;
    expect(await tokens.verify(forged)).toMatchObject({ ok: false, code: 'invalid-signature' });
    expect(await tokens.verify(forged)).toMatchObject({ ok: false, code: 'invalid-signature' });
  });
});

describe('non-JWT payloads', () => {
  it('a JWS that is not a JWT (payload not a claims object) is malformed', async () => {
    const { tokens, spec } = await singleKeyTokens('HS256');
    if (spec.secret === undefined) throw new Error('fixture');
    const jws = await new CompactSign(encoder.encode('[1,2]'))
      .setProtectedHeader({ alg: 'HS256', kid: spec.kid, typ: 'at+jwt' })
      .sign(spec.secret);
    expect(await tokens.verify(jws)).toMatchObject({ ok: false, code: 'malformed' });
  });
});
