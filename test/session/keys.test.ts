import { createLocalJWKSet, exportPKCS8, exportSPKI, generateKeyPair, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/internal/problems.js';
import { createAccessTokens } from '../../src/session/access-token.js';
import { createKeySet, generateKeySpec, type KeySetConfig } from '../../src/session/keys.js';
import { AUDIENCE, ISSUER, manualClock, publicOnly } from './token-fixtures.js';

async function problemsOf(config: unknown) {
  try {
    await createKeySet(config as KeySetConfig);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => [p.code, p.field]);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('createKeySet validation', () => {
  it('reports every problem at once, naming the field', async () => {
    const problems = await problemsOf({
      keys: [
        { kid: 'a', alg: 'RS256' },
        { kid: 'a', alg: 'HS256', secret: new Uint8Array(16) },
        { kid: '', alg: 'EdDSA' },
        { kid: 'b', alg: 'HS256', secret: 'a string secret of enough length......' },
        'not a key',
      ],
      signingKid: 'zz',
      signingkid: 'typo',
    });
    expect(problems).toEqual([
      ['tokens/unknown-key', 'signingkid'],
      ['keys/kid-duplicate', 'keys[1].kid'],
      ['keys/alg-not-allowed', 'keys[0].alg'],
      ['keys/secret-too-short', 'keys[1].secret'],
      ['keys/kid-invalid', 'keys[2].kid'],
      ['keys/material-missing', 'keys[2]'],
      ['keys/material-missing', 'keys[3].secret'],
      ['keys/key-not-object', 'keys[4]'],
      ['keys/signing-key-unknown', 'signingKid'],
    ]);
  });

  it('refuses an empty set, a missing signing kid and a non-object config', async () => {
    expect(await problemsOf({ keys: [] })).toEqual([
      ['keys/empty', 'keys'],
      ['keys/signing-key-missing', 'signingKid'],
    ]);
    expect(await problemsOf(null)).toEqual([['tokens/config-not-object', 'config']]);
  });

  it('refuses a signing key that cannot sign or is retiring', async () => {
    const spec = await generateKeySpec('EdDSA', 'k1');
    expect(await problemsOf({ keys: [publicOnly(spec)], signingKid: 'k1' })).toEqual([
      ['keys/signing-key-public-only', 'signingKid'],
    ]);
    const retiring = { ...spec, verifyUntil: new Date(Date.now() + 60_000) };
    expect(await problemsOf({ keys: [retiring], signingKid: 'k1' })).toEqual([
      ['keys/signing-key-retiring', 'keys[0].verifyUntil'],
    ]);
  });

  it('refuses mixed-up key material', async () => {
    const ed = await generateKeySpec('EdDSA', 'ed');
    const es = await generateKeySpec('ES256', 'es');
    const edJwk = ed.privateKey;
    if (typeof edJwk !== 'object') throw new Error('fixture');
    expect(
      await problemsOf({
        keys: [
          { kid: 'k0', alg: 'EdDSA', privateKey: es.privateKey },
          { kid: 'k1', alg: 'EdDSA', publicKey: edJwk },
          { kid: 'k2', alg: 'EdDSA', privateKey: publicOnly(ed).publicKey },
          { kid: 'k3', alg: 'EdDSA', privateKey: edJwk, publicKey: publicOnly(ed).publicKey },
          { kid: 'k4', alg: 'HS256', secret: new Uint8Array(32), privateKey: edJwk },
          { kid: 'k5', alg: 'ES256', privateKey: 'not a PEM' },
        ],
        signingKid: 'k0',
      }),
    ).toEqual([
      ['keys/import-failed', 'keys[0]'],
      ['keys/material-conflict', 'keys[1].publicKey'],
      ['keys/material-missing', 'keys[2].privateKey'],
      ['keys/material-conflict', 'keys[3]'],
      ['keys/material-conflict', 'keys[4]'],
      ['keys/import-failed', 'keys[5]'],
    ]);
  });

  it('warns about a retired key past its grace period, and does not publish it', async () => {
    const clock = manualClock();
    const k1 = await generateKeySpec('EdDSA', 'k1');
    const k0 = await generateKeySpec('EdDSA', 'k0');
    const keys = await createKeySet({
      keys: [k1, publicOnly(k0, new Date(clock.now() - 1))],
      signingKid: 'k1',
      now: clock.now,
    });
    expect(keys.warnings.map((w) => [w.code, w.severity])).toEqual([
      ['keys/verify-until-past', 'warning'],
    ]);
    expect(keys.jwks().keys.map((k) => k.kid)).toEqual(['k1']);
  });
});

describe('key material formats', () => {
  it('imports PKCS#8 and SPKI PEM keys', async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    const signer = await createKeySet({
      keys: [{ kid: 'pem', alg: 'ES256', privateKey: await exportPKCS8(pair.privateKey) }],
      signingKid: 'pem',
    });
    const verifierKeys = await createKeySet({
      keys: [
        { kid: 'pem', alg: 'ES256', publicKey: await exportSPKI(pair.publicKey) },
        await generateKeySpec('EdDSA', 'own'),
      ],
      signingKid: 'own',
    });
    const issued = await createAccessTokens({
      keys: signer,
      issuer: ISSUER,
      audience: AUDIENCE,
    }).issue({ sub: 'u', sid: 's' });
    if (!issued.ok) throw new Error(issued.message);
    const verifier = createAccessTokens({ keys: verifierKeys, issuer: ISSUER, audience: AUDIENCE });
    expect(await verifier.verify(issued.token)).toMatchObject({ ok: true });
  });
});

describe('jwks()', () => {
  it('publishes public members only, never HS256 keys, and lets another service verify', async () => {
    const ed = await generateKeySpec('EdDSA', 'ed');
    const es = await generateKeySpec('ES256', 'es');
    const hs = await generateKeySpec('HS256', 'hs');
    const keys = await createKeySet({ keys: [ed, es, hs], signingKid: 'ed' });
    const document = keys.jwks();
    expect(document.keys).toEqual([
      { kty: 'OKP', crv: 'Ed25519', x: expect.any(String), kid: 'ed', alg: 'EdDSA', use: 'sig' },
      {
        kty: 'EC',
        crv: 'P-256',
        x: expect.any(String),
        y: expect.any(String),
        kid: 'es',
        alg: 'ES256',
        use: 'sig',
      },
    ]);
    expect(JSON.stringify(document)).not.toMatch(/"d"|"k"/);

    const issued = await createAccessTokens({ keys, issuer: ISSUER, audience: AUDIENCE }).issue({
      sub: 'u',
      sid: 's',
    });
    if (!issued.ok) throw new Error(issued.message);
    const { payload } = await jwtVerify(
      issued.token,
      createLocalJWKSet(structuredClone(document)),
      {
        issuer: ISSUER,
        audience: AUDIENCE,
      },
    );
    expect(payload.sub).toBe('u');
  });
});
