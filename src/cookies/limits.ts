/**
 * Size and lifetime limits of RFC 6265bis, shared by the user-agent parser and the
 * server-side serialiser so both sides agree on what a browser will keep.
 */

/**
 * A cookie whose name and value together exceed this many octets is ignored
 * (RFC 6265bis §5.6 step 5 and §5.7 step 4; the `=` is not counted).
 */
export const MAX_NAME_VALUE_OCTETS = 4096;

/** An attribute whose value exceeds this many octets is ignored (RFC 6265bis §5.6, attribute step 6). */
export const MAX_ATTRIBUTE_VALUE_OCTETS = 1024;

/**
 * The cookie-age-limit: 400 days in seconds. User agents reduce longer Max-Age and Expires
 * values to it (RFC 6265bis §5.5, §5.6.1, §5.6.2).
 */
export const MAX_AGE_SECONDS = 400 * 24 * 60 * 60;
