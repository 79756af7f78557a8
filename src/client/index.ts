/**
 * `corset/client`: the browser side of the corset session protocol
 * (`docs/session-protocol.md`). Dependency-free, no Node API, relative `.js` imports
 * only: the built files load as plain ES modules in a page.
 */
export {
  type AxiosInterceptors,
  type AxiosLikeConfig,
  axiosInterceptors,
} from './axios.js';
export {
  type ClientFailure,
  type ClientPaths,
  type CorsetClient,
  type CorsetClientEvent,
  type CorsetClientOptions,
  createCorsetClient,
  type LoginCredentials,
  type LoginResult,
  type RefreshResult,
  type UnauthorizedResponse,
} from './client.js';
export {
  DEFAULT_PATHS,
  type ErrorAction,
  HEADER_TRANSPORT_VALUE,
  type ProtocolError,
  readProtocolError,
  readSessionGrant,
  type SessionGrant,
  TRANSPORT_HEADER,
  type Transport,
} from './protocol.js';
export type { LockManagerLike, StorageLike } from './refresh-gate.js';
export { prepareXhr, type SendXhrOptions, sendXhr, type XhrLike } from './xhr.js';
