/**
 * Cookie shapes shared by the server side (serialisation with validation), the session
 * topology (which derives attributes) and the browser model (which parses `Set-Cookie`
 * as a user agent does, RFC 6265bis §5.6, and stores it).
 */

/** The `SameSite` values a server can send (RFC 6265bis §4.1.2.7). */
export type SameSite = 'Strict' | 'Lax' | 'None';

/** Attributes a server puts on a `Set-Cookie` it sends. */
export interface CookieAttributes {
  /** Omit for a host-only cookie (the safest default). */
  readonly domain?: string;
  readonly path?: string;
  /** Seconds; 0 or less deletes the cookie. Capped at 400 days (RFC 6265bis §5.6.2). */
  readonly maxAge?: number;
  readonly expires?: Date;
  readonly secure?: boolean;
  readonly httpOnly?: boolean;
  readonly sameSite?: SameSite;
  /** CHIPS: store the cookie in a jar keyed by the top-level site. Requires `secure`. */
  readonly partitioned?: boolean;
}

/** A cookie a server sends: name, value and attributes. */
export interface SetCookieSpec extends CookieAttributes {
  readonly name: string;
  readonly value: string;
}

/**
 * A `Set-Cookie` header as a user agent parses it (RFC 6265bis §5.6): lenient, never
 * throws; attribute values already processed (Expires via the cookie-date algorithm,
 * Max-Age as integer seconds, Domain without its leading dot and lower-cased, Path only
 * when it starts with `/`). Absent attributes are `undefined`. When an attribute appears
 * more than once, the last one wins, as the spec's attribute list is read.
 */
export interface ParsedSetCookie {
  readonly name: string;
  readonly value: string;
  readonly expires?: Date;
  readonly maxAge?: number;
  readonly domain?: string;
  readonly path?: string;
  readonly secure: boolean;
  readonly httpOnly: boolean;
  /** `Default` when the attribute is present with an unrecognised value (§5.6.7). */
  readonly sameSite?: SameSite | 'Default';
  readonly partitioned: boolean;
}

/**
 * A cookie a server will send, without its value: what a cookie definition is made from
 * (the value comes per response).
 */
export type CookieSpec = Omit<SetCookieSpec, 'value'>;
