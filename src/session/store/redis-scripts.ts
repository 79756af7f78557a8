/**
 * Lua scripts of the Redis store. Redis runs a script atomically (no other command runs
 * meanwhile: https://redis.io/docs/latest/develop/interact/programmability/eval-intro/),
 * which makes `rotate` a compare-and-swap without WATCH retries. Each script makes the
 * decisions of `family-rules.ts` in the same order.
 *
 * A family is one hash `<prefix>fam:<sid>`: `sub`, `crt` (created), `exp` (absolute
 * end), `idle` (idle end), `cur`/`prev` (current/previous token hash), `rot` (last
 * rotation), `seal` (sealed successor), `revAt`/`revWhy`, and one field `h:<hash>` per
 * token ever issued. Its TTL is its purge time, re-set at each rotation. The user index
 * `<prefix>user:<sub>` is a set of sids.
 *
 * Times arrive as decimal strings of epoch ms and are written back as received, so no
 * float formatting happens in Lua; replies are strings or nil (never Lua numbers, which
 * Redis would truncate to integers).
 */
import { createHash } from 'node:crypto';

/** A script and its SHA-1, for EVALSHA. */
export interface LuaScript {
  readonly source: string;
  readonly sha: string;
}

function script(source: string): LuaScript {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

/**
 * KEYS: family, user index. ARGV: sid, sub, token hash, created, exp, idle, family TTL
 * (ms), user-index TTL (ms). The user index lives as long as the longest family in it.
 */
export const CREATE_FAMILY = script(`
redis.call('HSET', KEYS[1], 'sub', ARGV[2], 'crt', ARGV[4], 'exp', ARGV[5], 'idle', ARGV[6],
  'cur', ARGV[3], 'h:' .. ARGV[3], '1')
redis.call('PEXPIRE', KEYS[1], ARGV[7])
redis.call('SADD', KEYS[2], ARGV[1])
if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[8]) then
  redis.call('PEXPIRE', KEYS[2], ARGV[8])
end
return 1
`);

/**
 * KEYS: family. ARGV: presented hash, successor hash, sealed successor, now, overlap
 * (ms), new idle end, retention (ms). Reply: kind, then sub, crt, exp, idle, rot, revAt,
 * revWhy; for 'overlap' also the current hash and the seal.
 */
export const ROTATE = script(`
local presented = ARGV[1]
local now, overlap, retention = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[7])
local f = redis.call('HMGET', KEYS[1], 'sub', 'crt', 'exp', 'idle', 'rot', 'revAt', 'revWhy',
  'cur', 'prev', 'seal', 'h:' .. presented)
if not f[1] then return {'unknown'} end
local exp = tonumber(f[3])
local ending = math.min(exp, tonumber(f[4]))
if now >= ending + retention or not f[11] then return {'unknown'} end
if f[6] then return {'revoked', f[1], f[2], f[3], f[4], f[5], f[6], f[7]} end
if now >= ending then return {'expired', f[1], f[2], f[3], f[4], f[5], f[6], f[7]} end
if f[8] == presented then
  redis.call('HSET', KEYS[1], 'prev', presented, 'cur', ARGV[2], 'rot', ARGV[4], 'seal', ARGV[3],
    'idle', ARGV[6], 'h:' .. ARGV[2], '1')
  redis.call('PEXPIRE', KEYS[1], math.max(1, math.min(exp, tonumber(ARGV[6])) + retention - now))
  return {'rotated', f[1], f[2], f[3], ARGV[6], ARGV[4], false, false}
end
if f[9] == presented and f[5] and now - tonumber(f[5]) <= overlap then
  return {'overlap', f[1], f[2], f[3], f[4], f[5], false, false, f[8], f[10]}
end
redis.call('HSET', KEYS[1], 'revAt', ARGV[4], 'revWhy', 'reuse-detected')
return {'reuse-detected', f[1], f[2], f[3], f[4], f[5], ARGV[4], 'reuse-detected'}
`);

/**
 * KEYS: family. ARGV: now, reason, retention (ms), token hash or ''. Reply: kind, sub.
 */
export const REVOKE_FAMILY = script(`
local now, retention = tonumber(ARGV[1]), tonumber(ARGV[3])
local issued = 'sub'
if ARGV[4] ~= '' then issued = 'h:' .. ARGV[4] end
local f = redis.call('HMGET', KEYS[1], 'sub', 'exp', 'idle', 'revAt', issued)
if not f[1] then return {'unknown'} end
if now >= math.min(tonumber(f[2]), tonumber(f[3])) + retention or not f[5] then
  return {'unknown'}
end
if f[4] then return {'already-revoked', f[1]} end
redis.call('HSET', KEYS[1], 'revAt', ARGV[1], 'revWhy', ARGV[2])
return {'revoked', f[1]}
`);

/**
 * KEYS: user index. ARGV: family key prefix, now, retention (ms). Revokes every live
 * family of the user and drops ended ones from the index. The family keys are derived
 * inside the script, so this suits a single Redis (or a replicated primary), not Redis
 * Cluster, where they may live on other shards. Reply: how many were revoked (string).
 */
export const REVOKE_USER = script(`
local now, retention = tonumber(ARGV[2]), tonumber(ARGV[3])
local count = 0
for _, sid in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local key = ARGV[1] .. sid
  local f = redis.call('HMGET', key, 'exp', 'idle', 'revAt')
  if not f[1] or now >= math.min(tonumber(f[1]), tonumber(f[2])) + retention then
    redis.call('SREM', KEYS[1], sid)
  elseif not f[3] then
    redis.call('HSET', key, 'revAt', ARGV[2], 'revWhy', 'logout-everywhere')
    count = count + 1
  end
end
return tostring(count)
`);
