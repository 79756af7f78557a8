/**
 * Sessions: the entry point (`createCorset`) and the parts it is built from, for servers
 * that assemble their own: topology plan, keys, access tokens, refresh sessions, stores.
 */
export type { ErrorAction, ProtocolError, SessionGrant, Transport } from '../client/protocol.js';
export {
  type AccessClaims,
  type AccessTokenConfig,
  type AccessTokenErrorCode,
  type AccessTokenResult,
  type AccessTokens,
  createAccessTokens,
} from './access-token.js';
export { ACCESS_TOKEN_ERROR_CODES } from './access-token-errors.js';
export type { JwksDocument } from './jwks.js';
export {
  createKeySet,
  generateKeySpec,
  type KeySet,
  type KeySetConfig,
  type KeySpec,
  type SigningAlgorithm,
} from './keys.js';
export { REFRESH_FAILURE_CODES, type RefreshFailureCode } from './refresh-results.js';
export {
  createRefreshSessions,
  type RefreshFailure,
  type RefreshGrant,
  type RefreshSessions,
  type RefreshSessionsConfig,
} from './refresh-sessions.js';
export {
  type AuthResult,
  type Corset,
  createCorset,
  type LoginUser,
  type RoutedSessionRequest,
  type Session,
  type SessionEndpoint,
  type VerifyCredentials,
} from './server.js';
export type {
  CorsetConfig,
  CorsetCorsOptions,
  CorsetCsrfOptions,
  CorsetSessionOptions,
} from './server-config.js';
export { SESSION_ERROR_CODES, type SessionErrorCode, sessionError } from './server-errors.js';
export type { ErrorBody, SessionRequest, SessionResponse } from './server-http.js';
export { CORSET_PROBLEM, type SessionPaths } from './server-problems.js';
export {
  createMemorySessionStore,
  type MemorySessionStore,
  type MemorySessionStoreOptions,
} from './store/memory.js';
export {
  createRedisSessionStore,
  failFastRedisOptions,
  type RedisSessionStore,
  type RedisSessionStoreOptions,
} from './store/redis.js';
export type { SessionStore } from './store/types.js';
export { TOKEN_PROBLEM, type TokenProblemCode, tokenProblemSeverity } from './token-problems.js';
export {
  analyzeSessionTopology,
  classifySites,
  planSessionCookies,
  type SessionCookiePlan,
  type SessionTopologyOptions,
  type TopologyDecision,
  type TopologyExplanation,
} from './topology.js';
export {
  TOPOLOGY_PROBLEM,
  TOPOLOGY_REASON,
  TOPOLOGY_WARNING,
  type TopologyProblemCode,
  type TopologyReasonCode,
} from './topology-codes.js';
