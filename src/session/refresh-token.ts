/**
 * Refresh-token values: format, hashing, and sealing a successor under its predecessor.
 *
 * A token is `<sid>.<secret>`: the session id (128 random bits) says which family to
 * look in, the secret (256 random bits, `crypto.getRandomValues`) proves possession.
 * Stores keep only SHA-256 of the whole token: a leaked store yields no usable token,
 * and since the secret has 256 bits of entropy a plain hash (no salt, no slow KDF) is
 * enough (the reasoning of Lucia's session tokens and RFC 6819 §5.1.4.1.3).
 */
import { createHash, createHmac } from 'node:crypto';

const SID_BYTES = 16;
const SECRET_BYTES = 32;
/** base64url lengths of 16 and 32 bytes, without padding (RFC 4648 §5). */
const TOKEN_SHAPE = /^([\w-]{22})\.([\w-]{43})$/;
const SEAL_LABEL = 'corset refresh successor v1';

function randomBase64url(bytes: number): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString('base64url');
}

/** A new session id (also the access tokens' `sid` claim). */
export function newSessionId(): string {
  return randomBase64url(SID_BYTES);
}

/** A new refresh token for family `sid`. */
export function newRefreshToken(sid: string): string {
  return `${sid}.${randomBase64url(SECRET_BYTES)}`;
}

/** The session id of a well-formed token; undefined for anything else. */
export function sessionIdOf(token: unknown): string | undefined {
  if (typeof token !== 'string') return undefined;
  const match = TOKEN_SHAPE.exec(token);
  return match?.[1];
}

/** What the store keeps of a token: SHA-256, base64url. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** XORs `bytes` in place with HMAC-SHA256(presented, label) and returns them. */
function xorPad(bytes: Buffer, presented: string): Buffer {
  // HMAC keyed by the presented token (256 bits of secret): only its holder, and the
  // server while it holds it in a request, can derive the pad.
  const key = createHmac('sha256', presented).update(SEAL_LABEL).digest();
  for (let i = 0; i < bytes.length; i++) bytes[i] = (bytes[i] ?? 0) ^ (key[i] ?? 0);
  return bytes;
}

/**
 * Seals `successor`'s secret under `presented`: XOR with HMAC-SHA256(presented, label).
 * Each presented token seals one successor only (the store keeps the winner of the
 * rotation), so the pad is used once; the store sees a value it cannot open without the
 * presented token, which it never holds.
 */
export function sealSuccessor(presented: string, successor: string): string {
  const secret = Buffer.from(successor.slice(successor.indexOf('.') + 1), 'base64url');
  return xorPad(secret, presented).toString('base64url');
}

/**
 * Opens a sealed successor with the presented token. The caller must compare the
 * result's hash with the stored successor hash: a wrong presented token or an altered
 * seal yields a different token.
 */
export function unsealSuccessor(presented: string, sid: string, sealed: string): string {
  return `${sid}.${xorPad(Buffer.from(sealed, 'base64url'), presented).toString('base64url')}`;
}
