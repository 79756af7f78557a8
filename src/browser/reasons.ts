/**
 * The reasons catalogue: every explanation the browser model gives, as data. Codes follow
 * Firefox's CORS error codes (`dom/locales/en-US/chrome/security/security.properties`,
 * `nsCORSListenerProxy.cpp`) and Chromium's cookie inclusion status
 * (`net/cookies/cookie_inclusion_status.h`, shown by DevTools as
 * `Network.CookieBlockedReason`); codes for what neither engine names are corset's own.
 *
 * Messages are the engines' own words, with `{placeholders}`:
 * - chromium: Blink `cors_error_string.cc` (console) and DevTools `NetworkRequest.ts`
 *   (cookie tooltips, as DevTools shows them; Chrome logs no console line per cookie);
 * - gecko: `security.properties` (CORS) and `netwerk/locales/en-US/necko.properties`
 *   (cookies), as the Firefox console prints them;
 * - webkit: `CrossOriginAccessControl.cpp` / `CrossOriginPreflightResultCache.cpp` (CORS).
 *   WebKit logs nothing for a refused cookie: the summary stands in for it.
 * `docs/reasons.md` lists the catalogue; a test keeps the two in step.
 */
import type { Engine } from './profiles.js';
import type { FailedStage, Reason, ReasonSeverity } from './types.js';

/** One catalogue entry. */
export interface ReasonEntry {
  readonly code: string;
  readonly severity: ReasonSeverity;
  readonly stage?: FailedStage;
  /** What it means, engine-neutral; also the message where an engine says nothing. */
  readonly summary: string;
  readonly messages: Readonly<Partial<Record<Engine, string>>>;
  /**
   * For a cookie decision taken both on storing and on sending: the wording when a
   * cookie is not sent (`messages` then words the refused Set-Cookie). An engine absent
   * here logs nothing on sending, and the summary stands in.
   */
  readonly sendMessages?: Readonly<Partial<Record<Engine, string>>>;
  /** What to change, aimed at the server or the client. */
  readonly fix: string;
  readonly source: string;
}

const FX =
  'Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at {url}. (Reason: ';
const CR =
  "Access to fetch at '{url}' from origin '{origin}' has been blocked by CORS policy: {preflightPrefix}";
// Chromium 156's console ends these messages here: the "opaque response ... 'no-cors'"
// hint of older versions was never printed in the real-browser tests
// (test/browsers/web-checker.test.ts compares the console line by line).
const NO_CORS_HINT = ' Have the server send the header with a valid value.';

const entries = [
  // ---- CORS: Access-Control-Allow-Origin / -Credentials (Fetch §4.10 "CORS check")
  {
    code: 'CORSMissingAllowOrigin',
    severity: 'error',
    stage: 'cors-check',
    summary: 'The response has no Access-Control-Allow-Origin header.',
    messages: {
      chromium: `${CR}No 'Access-Control-Allow-Origin' header is present on the requested resource.`,
      gecko: `${FX}CORS header ‘Access-Control-Allow-Origin’ missing). Status code: {status}.`,
      webkit:
        'Origin {origin} is not allowed by Access-Control-Allow-Origin. Status code: {status}',
    },
    fix: 'Server: answer {url} (preflight and actual response, errors included) with `Access-Control-Allow-Origin: {origin}`.',
    source: 'Fetch §4.10 CORS check step 2',
  },
  {
    code: 'CORSMultipleAllowOriginNotAllowed',
    severity: 'error',
    stage: 'cors-check',
    summary: 'Access-Control-Allow-Origin holds more than one value (or the header is repeated).',
    messages: {
      chromium: `${CR}The 'Access-Control-Allow-Origin' header contains multiple values '{value}', but only one is allowed.${NO_CORS_HINT}`,
      gecko: `${FX}Multiple CORS header ‘Access-Control-Allow-Origin’ not allowed).`,
      webkit: 'Access-Control-Allow-Origin cannot contain more than one origin.',
    },
    fix: 'Server: send exactly one `Access-Control-Allow-Origin: {origin}` (echo the allowed request Origin; check that a proxy and the app do not both add it).',
    source: 'Fetch §4.10 CORS check step 4 (repeated fields combine to "a, b")',
  },
  {
    code: 'CORSNotSupportingCredentials',
    severity: 'error',
    stage: 'cors-check',
    summary: 'Access-Control-Allow-Origin is `*` but the request carries credentials.',
    messages: {
      chromium: `${CR}The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.`,
      gecko: `${FX}Credential is not supported if the CORS header ‘Access-Control-Allow-Origin’ is ‘*’).`,
      webkit: 'Cannot use wildcard in Access-Control-Allow-Origin when credentials flag is true.',
    },
    fix: 'Server: send `Access-Control-Allow-Origin: {origin}` instead of `*`, with `Access-Control-Allow-Credentials: true` and `Vary: Origin`.',
    source: 'Fetch §4.10 CORS check steps 3-4',
  },
  {
    code: 'CORSAllowOriginNotMatchingOrigin',
    severity: 'error',
    stage: 'cors-check',
    summary: 'Access-Control-Allow-Origin does not equal the request’s Origin, byte for byte.',
    messages: {
      chromium: `${CR}The 'Access-Control-Allow-Origin' header has a value '{value}' that is not equal to the supplied origin.${NO_CORS_HINT}`,
      gecko: `${FX}CORS header ‘Access-Control-Allow-Origin’ does not match ‘{value}’).`,
      webkit:
        'Origin {origin} is not allowed by Access-Control-Allow-Origin. Status code: {status}',
    },
    fix: 'Server: send `Access-Control-Allow-Origin: {origin}` exactly (scheme, host and port, no trailing slash, no path).',
    source: 'Fetch §4.10 CORS check step 4',
  },
  {
    code: 'CORSMissingAllowCredentials',
    severity: 'error',
    stage: 'cors-check',
    summary: 'A credentialed request needs `Access-Control-Allow-Credentials: true` exactly.',
    messages: {
      chromium: `${CR}The value of the 'Access-Control-Allow-Credentials' header in the response is '{value}' which must be 'true' when the request's credentials mode is 'include'.`,
      gecko: `${FX}expected ‘true’ in CORS header ‘Access-Control-Allow-Credentials’).`,
      webkit: 'Credentials flag is true, but Access-Control-Allow-Credentials is not "true".',
    },
    fix: 'Server: send `Access-Control-Allow-Credentials: true` (lower case, exactly) on the preflight and the actual response.',
    source: 'Fetch §4.10 CORS check step 6',
  },
  // ---- CORS: preflight (Fetch §4.8 "CORS-preflight fetch")
  {
    code: 'CORSPreflightDidNotSucceed',
    severity: 'error',
    stage: 'preflight',
    summary: 'The preflight response status is not in 200-299.',
    messages: {
      chromium: `${CR}It does not have HTTP ok status.`,
      gecko: `${FX}CORS preflight response did not succeed). Status code: {status}.`,
      webkit: 'Preflight response is not successful. Status code: {status}',
    },
    fix: 'Server: answer `OPTIONS {path}` with 204 (or 200) and the CORS headers before any authentication, CSRF or routing check runs.',
    source: 'Fetch §4.8 CORS-preflight fetch step 7 (ok status)',
  },
  {
    code: 'CORSPreflightDisallowedRedirect',
    severity: 'error',
    stage: 'preflight',
    summary: 'The preflight was answered with a redirect; preflights never follow redirects.',
    messages: {
      chromium: `${CR}Redirect is not allowed for a preflight request.`,
      gecko: `${FX}CORS request external redirect not allowed).`,
      webkit: 'Preflight response is not successful. Status code: {status}',
    },
    fix: 'Server/client: call the final URL directly (e.g. fix a trailing-slash or http→https redirect) and answer its OPTIONS with 204.',
    source:
      'Fetch §4.8 CORS-preflight fetch (redirect mode "error"); Chromium kPreflightDisallowedRedirect',
  },
  {
    code: 'CORSInvalidAllowMethod',
    severity: 'error',
    stage: 'preflight',
    summary: 'Access-Control-Allow-Methods does not parse as a list of methods.',
    messages: {
      chromium: `${CR}Cannot parse Access-Control-Allow-Methods response header field in preflight response.`,
      gecko: `${FX}invalid token ‘{value}’ in CORS header ‘Access-Control-Allow-Methods’).`,
      webkit: 'Access-Control-Allow-Methods: invalid token {value}',
    },
    fix: 'Server: send `Access-Control-Allow-Methods` as comma-separated method names, e.g. `GET, POST, PUT, DELETE`.',
    source: 'Fetch §4.8 CORS-preflight fetch step 7.3 (extract header list values)',
  },
  {
    code: 'CORSInvalidAllowHeader',
    severity: 'error',
    stage: 'preflight',
    summary: 'Access-Control-Allow-Headers does not parse as a list of header names.',
    messages: {
      chromium: `${CR}Cannot parse Access-Control-Allow-Headers response header field in preflight response.`,
      gecko: `${FX}invalid token ‘{value}’ in CORS header ‘Access-Control-Allow-Headers’).`,
      webkit: 'Access-Control-Allow-Headers: invalid token {value}',
    },
    fix: 'Server: send `Access-Control-Allow-Headers` as comma-separated header names, e.g. `content-type, x-csrf-token`.',
    source: 'Fetch §4.8 CORS-preflight fetch step 7.4',
  },
  {
    code: 'CORSMethodNotFound',
    severity: 'error',
    stage: 'preflight',
    summary:
      'The method is not in the preflight’s Access-Control-Allow-Methods (`*` is literal with credentials).',
    messages: {
      chromium: `${CR}Method {method} is not allowed by Access-Control-Allow-Methods in preflight response.`,
      gecko: `${FX}Did not find method in CORS header ‘Access-Control-Allow-Methods’).`,
      webkit: 'Method {method} is not allowed by Access-Control-Allow-Methods.',
    },
    fix: 'Server: list `{method}` in `Access-Control-Allow-Methods` (by name: `*` is not a wildcard for credentialed requests).',
    source: 'Fetch §4.8 CORS-preflight fetch step 7.5',
  },
  {
    code: 'CORSMissingAllowHeaderFromPreflight',
    severity: 'error',
    stage: 'preflight',
    summary:
      'A request header is not in the preflight’s Access-Control-Allow-Headers (`*` is literal with credentials).',
    messages: {
      chromium: `${CR}Request header field {header} is not allowed by Access-Control-Allow-Headers in preflight response.`,
      gecko: `${FX}header ‘{header}’ is not allowed according to header ‘Access-Control-Allow-Headers’ from CORS preflight response).`,
      webkit: 'Request header field {header} is not allowed by Access-Control-Allow-Headers.',
    },
    fix: 'Server: list `{header}` in `Access-Control-Allow-Headers` (by name: `*` is not a wildcard for credentialed requests), or client: stop sending it.',
    source: 'Fetch §4.8 CORS-preflight fetch steps 7.6-7.7',
  },
  {
    code: 'CORSAllowHeaderFromPreflightDeprecation',
    severity: 'warning',
    summary:
      '`Access-Control-Allow-Headers: *` let `Authorization` through: browsers allow it, the Fetch Standard does not.',
    messages: {
      gecko:
        'Cross-Origin Request Warning: The Same Origin Policy will disallow reading the remote resource at {url} soon. (Reason: When the `Access-Control-Allow-Headers` is `*`, the `Authorization` header is not covered. To include the `Authorization` header, it must be explicitly listed in CORS header `Access-Control-Allow-Headers`).',
    },
    fix: 'Server: list `authorization` by name in `Access-Control-Allow-Headers`.',
    source:
      'Fetch §4.8 step 7.6 (CORS non-wildcard request-header name); whatwg/fetch#1919; Firefox 115+ warning',
  },
  {
    code: 'PreflightResponseMissing',
    severity: 'error',
    stage: 'preflight',
    summary: 'The browser sends a preflight here, but the exchange gives no answer to it.',
    messages: {},
    fix: 'Describe the server’s answer to `OPTIONS {url}` (with `Access-Control-Request-Method: {method}`) in the step’s responses.',
    source: 'corset model input',
  },
  {
    code: 'PreflightCacheHit',
    severity: 'info',
    summary:
      'No preflight sent: an earlier preflight result still covers this method and these headers.',
    messages: {},
    fix: 'Nothing to fix. The cache keeps a result for min(Access-Control-Max-Age, {cap} s) in this browser.',
    source: 'Fetch §4.9 CORS-preflight cache',
  },
  {
    code: 'PreflightSetCookieIgnored',
    severity: 'warning',
    summary: 'Set-Cookie on a preflight response is ignored: preflights carry no credentials.',
    messages: {},
    fix: 'Server: set cookies on the actual response, not on the OPTIONS answer.',
    source: 'Fetch §4.8 CORS-preflight fetch (credentials mode "omit"); observed, real-browsers.md',
  },
  {
    code: 'MethodUpperCasedForMatch',
    severity: 'info',
    summary:
      'Chromium upper-cases the method before matching Access-Control-Allow-Methods; other engines compare it as sent.',
    messages: {},
    fix: 'Client: write the method in upper case (`{method}` is sent as written: only DELETE, GET, HEAD, OPTIONS, POST and PUT are normalised).',
    source:
      'Fetch §4.8 step 7.5, §2.2.1 normalize; Chromium AccessControlAllowMethodsInCORSPreflightSpecConformant',
  },
  // ---- CORS: redirects (Fetch §4.4 "HTTP-redirect fetch")
  {
    code: 'CORSRedirectContainsCredentials',
    severity: 'error',
    stage: 'cors-check',
    summary: 'A cross-origin CORS redirect Location holds a username or password.',
    messages: {
      chromium: `${CR}Redirect location '{location}' contains a username and password, which is disallowed for cross-origin requests.`,
      gecko: `${FX}CORS request external redirect not allowed).`,
    },
    fix: 'Server: redirect to a URL without `user:password@`.',
    source: 'Fetch §4.4 HTTP-redirect fetch step 9',
  },
  {
    code: 'TooManyRedirects',
    severity: 'error',
    stage: 'cors-check',
    summary: 'More than 20 redirects: the fetch fails.',
    messages: {},
    fix: 'Server: break the redirect loop.',
    source: 'Fetch §4.4 HTTP-redirect fetch step 6',
  },
  {
    code: 'RedirectTaintedOrigin',
    severity: 'warning',
    summary:
      'After a redirect to another origin the request’s Origin is `null`; the server must then answer `Access-Control-Allow-Origin: null`.',
    messages: {},
    fix: 'Client: call the final URL directly; do not make the server allow `null`.',
    source:
      'Fetch §4.4 HTTP-redirect fetch step 12 (tainted origin); §3.1 serializing a request origin',
  },
  {
    code: 'AuthorizationDroppedOnRedirect',
    severity: 'warning',
    summary: 'The Authorization header is removed when a redirect crosses origins.',
    messages: {},
    fix: 'Client: call the final URL directly so the Authorization header reaches it.',
    source: 'Fetch §4.4 HTTP-redirect fetch step 13',
  },
  // ---- CORS: reading the response (Fetch §2.2.6, "CORS filtered response")
  {
    code: 'HeaderNotExposed',
    severity: 'error',
    stage: 'header-not-exposed',
    summary:
      'The page reads a response header that Access-Control-Expose-Headers does not expose (`*` is literal with credentials).',
    messages: {},
    fix: 'Server: add `{header}` to `Access-Control-Expose-Headers` (by name for credentialed requests).',
    source:
      'Fetch §4.1 main fetch step 13 (CORS filtered response); §2.2.6 CORS-safelisted response-header name',
  },
  {
    code: 'HeaderNotInResponse',
    severity: 'error',
    stage: 'header-not-exposed',
    summary: 'The page reads a response header the response does not have.',
    messages: {},
    fix: 'Server: send `{header}` on this response.',
    source: 'corset model',
  },
  {
    code: 'ForbiddenResponseHeader',
    severity: 'error',
    stage: 'header-not-exposed',
    summary: 'Set-Cookie is never readable by a page’s script, exposed or not.',
    messages: {},
    fix: 'Client: do not read Set-Cookie; let the browser store the cookie, or return what the page needs in the body.',
    source: 'Fetch §2.2.2 forbidden response-header name',
  },
  // ---- Request construction
  {
    code: 'ForbiddenRequestHeader',
    severity: 'warning',
    summary: 'The browser silently drops a forbidden request header the page set.',
    messages: {},
    fix: 'Client: do not set `{header}`; the browser controls it (use `credentials: "include"` for cookies).',
    source: 'Fetch §2.2.2 forbidden request-header',
  },
  {
    code: 'NoCorsHeaderDropped',
    severity: 'warning',
    summary: 'In `no-cors` mode only no-CORS-safelisted headers are kept; this one is dropped.',
    messages: {},
    fix: 'Client: use mode `cors` to send `{header}`.',
    source: 'Fetch §2.2.2 no-CORS-safelisted request-header; Headers guard "request-no-cors"',
  },
  {
    code: 'NoCorsMethodNotAllowed',
    severity: 'error',
    stage: 'preflight',
    summary: '`fetch()` throws a TypeError: `no-cors` allows only GET, HEAD and POST.',
    messages: {},
    fix: 'Client: use mode `cors` for `{method}`.',
    source: 'Fetch Request constructor step 32 (no-cors method check)',
  },
  {
    code: 'NoCorsOpaqueResponse',
    severity: 'info',
    summary: 'A `no-cors` response is opaque: status 0, no headers, no body for the page.',
    messages: {},
    fix: 'Client: use mode `cors` (and make the server answer with CORS headers) to read the response.',
    source: 'Fetch §2.2.6 opaque filtered response',
  },
  {
    code: 'CredentialsNotIncluded',
    severity: 'error',
    stage: 'cookie-not-sent',
    summary:
      'The request’s credentials mode is not `include`, so a cross-origin request neither sends nor stores cookies.',
    messages: {},
    fix: 'Client: `fetch(url, { credentials: "include" })` (axios `withCredentials: true`, XHR `withCredentials = true`).',
    source: 'Fetch §4.5 HTTP-network-or-cache fetch (includeCredentials)',
  },
  {
    code: 'MixedContentBlocked',
    severity: 'error',
    stage: 'preflight',
    summary: 'An https page cannot fetch an http URL (mixed content): the request is never sent.',
    messages: {
      chromium:
        "Mixed Content: The page at '{page}' was loaded over HTTPS, but requested an insecure resource '{url}'. This request has been blocked; the content must be served over HTTPS.",
      gecko: 'Blocked loading mixed active content “{url}”',
      webkit:
        '[blocked] The page at {page} requested insecure content from {url}. This content was blocked and must served over HTTPS.',
    },
    fix: 'Server: serve the API over https (a local CA such as mkcert for development).',
    source:
      'W3C Mixed Content §4.4; loopback exempt in Chromium and Firefox, not in WebKitGTK (observed, real-browsers.md)',
  },
  {
    code: 'LocalNetworkAccessPermission',
    severity: 'warning',
    summary:
      'A public page reaches a loopback or private address: Chrome asks the user for the local-network permission first.',
    messages: {
      chromium: 'Permission was denied for this request to access the `loopback` address space.',
    },
    fix: 'Serve the app from the same address space as the API (both local in development), or expect the permission prompt; `fetch(url, { targetAddressSpace: "local" })` declares it.',
    source: 'Chrome Local Network Access (M142; developer.chrome.com/blog/local-network-access)',
  },
  {
    code: 'LocalNetworkAccessInsecureContext',
    severity: 'error',
    stage: 'preflight',
    summary:
      'A public page that is not a secure context cannot reach a loopback or private address in Chrome: the request is refused without a prompt.',
    messages: {
      chromium:
        '{preflightPrefix}The request client is not a secure context and the resource is in more-private address space `local`.',
    },
    fix: 'Serve the app over https (a secure context) or from the same address space as the API.',
    source: 'Chrome Local Network Access (M142), Chromium kInsecurePrivateNetwork',
  },
  {
    code: 'InvalidExchange',
    severity: 'error',
    stage: 'preflight',
    summary: 'The exchange cannot be evaluated: {value}.',
    messages: {},
    fix: 'Give absolute http(s) URLs and a status for every response.',
    source: 'corset model input',
  },
  // ---- Cookies: storing (RFC 6265bis §5.7; Chromium CookieInclusionStatus)
  {
    code: 'ExcludeNoCookieContent',
    severity: 'error',
    stage: 'set-cookie',
    summary: 'The Set-Cookie line has neither a name nor a value.',
    messages: {
      chromium: 'This `Set-Cookie` header had invalid syntax.',
      gecko: 'Cookie with an empty name and an empty value has been rejected.',
    },
    fix: 'Server: send `name=value` before the attributes.',
    source: 'RFC 6265bis §5.7 step 2',
  },
  {
    code: 'ExcludeDisallowedCharacter',
    severity: 'error',
    stage: 'set-cookie',
    summary: 'The Set-Cookie line holds a control character, so the whole line is ignored.',
    messages: {
      chromium:
        'This `Set-Cookie` header contained a disallowed character (a forbidden ASCII control character, or the tab character if it appears in the middle of the cookie name, value, an attribute name, or an attribute value).',
      gecko: 'Cookie “{name}” has been rejected for invalid characters in the value.',
    },
    fix: 'Server: encode the value (e.g. base64url) so it holds no control characters.',
    source: 'RFC 6265bis §5.6 step 1',
  },
  {
    code: 'ExcludeNameValuePairExceedsMaxSize',
    severity: 'error',
    stage: 'set-cookie',
    summary: 'Name and value together exceed 4096 bytes.',
    messages: {
      chromium:
        'This attempt to set a cookie via a `Set-Cookie` header was blocked because the cookie was too large. The combined size of the name and value must be less than or equal to 4096 characters.',
      gecko: 'Cookie “{name}” is invalid because its size is too big. Max size is 4096 B.',
    },
    fix: 'Server: keep the cookie under 4096 bytes (store a session id, not the session).',
    source: 'RFC 6265bis §5.6 step 5',
  },
  {
    code: 'WarnAttributeValueExceedsMaxSize',
    severity: 'warning',
    summary: 'An attribute value over 1024 bytes is ignored (the cookie is kept without it).',
    messages: {
      gecko:
        'The value of the attribute “{attr}” for the cookie “{name}” has been rejected because its size is too big. Max size is 1024 B.',
    },
    fix: 'Server: shorten the `{attr}` attribute under 1024 bytes.',
    source: 'RFC 6265bis §5.6 attribute step 6; Chromium WARN_ATTRIBUTE_VALUE_EXCEEDS_MAX_SIZE',
  },
  {
    code: 'ExcludeDomainNonASCII',
    severity: 'error',
    stage: 'set-cookie',
    summary: 'The Domain attribute holds non-ASCII characters.',
    messages: {
      chromium:
        'This attempt to set a cookie via a `Set-Cookie` header was blocked because its Domain attribute was invalid with regards to the current host url.',
      gecko: 'Cookie “{name}” has been rejected for invalid domain.',
    },
    fix: 'Server: write the Domain in its punycode (A-label) form, or drop it for a host-only cookie.',
    source: 'RFC 6265bis §5.7 step 8; Chromium EXCLUDE_DOMAIN_NON_ASCII',
  },
  {
    code: 'ExcludeInvalidDomain',
    severity: 'error',
    stage: 'set-cookie',
    summary:
      'The Domain attribute does not cover the responding host, is a public suffix, or names an IP address other than the host.',
    messages: {
      chromium:
        'This attempt to set a cookie via a `Set-Cookie` header was blocked because its Domain attribute was invalid with regards to the current host url.',
      gecko: 'Cookie “{name}” has been rejected for invalid domain.',
    },
    fix: 'Server: drop `Domain` (host-only cookie) or set it to a parent of the responding host that is not a public suffix.',
    source: 'RFC 6265bis §5.7 steps 9-10; Public Suffix List',
  },
  {
    code: 'ExcludeSecureOnly',
    severity: 'error',
    stage: 'set-cookie',
    summary: 'A Secure cookie cannot be set, or sent, over an insecure connection.',
    messages: {
      chromium:
        'This attempt to set a cookie via a `Set-Cookie` header was blocked because it had the "Secure" attribute but was not received over a secure connection.',
      gecko:
        'Cookie “{name}” has been rejected because a non-HTTPS cookie can’t be set as “secure”.',
    },
    sendMessages: {
      chromium:
        'This cookie was blocked because it had the "`Secure`" attribute and the connection was not secure.',
    },
    fix: 'Server: serve the API over https (http://localhost counts as secure in Chrome and Firefox, not in Safari/WebKit).',
    source: 'RFC 6265bis §5.7 step 13, §5.8.3 step 1',
  },
  {
    code: 'ExcludeOverwriteSecure',
    severity: 'error',
    stage: 'set-cookie',
    summary: 'An insecure response cannot replace a Secure cookie of the same name.',
    messages: {
      chromium:
        'This attempt to set a cookie via a `Set-Cookie` header was blocked because it was not sent over a secure connection and would have overwritten a cookie with the Secure attribute.',
      gecko: 'Cookie “{name}” has been rejected because there is an existing “secure” cookie.',
    },
    fix: 'Server: set the cookie over https.',
    source: 'RFC 6265bis §5.7 step 16 (leave secure cookies alone)',
  },
  {
    code: 'ExcludeSameSiteNoneInsecure',
    severity: 'error',
    stage: 'set-cookie',
    summary: '`SameSite=None` without `Secure` is rejected.',
    messages: {
      chromium:
        'This attempt to set a cookie via a `Set-Cookie` header was blocked because it had the "`SameSite=None`" attribute but did not have the "Secure" attribute, which is required in order to use "`SameSite=None`".',
      gecko:
        'Cookie “{name}” rejected because it has the “SameSite=None” attribute but is missing the “secure” attribute.',
    },
    fix: 'Server: add `Secure` (and serve over https).',
    source: 'RFC 6265bis §5.7 step 19; Chrome 80+, Firefox 131+',
  },
  {
    code: 'ExcludeSameSiteLax',
    severity: 'error',
    stage: 'set-cookie',
    summary:
      'A `SameSite=Lax` cookie is refused from, or not sent to, a cross-site request that is not a top-level navigation.',
    messages: {
      chromium:
        'This attempt to set a cookie via a `Set-Cookie` header was blocked because it had the "SameSite=Lax" attribute but came from a cross-site response which was not the response to a top-level navigation.',
      gecko:
        'Cookie “{name}” has been rejected because it is in a cross-site context and its “SameSite” is “Lax” or “Strict”.',
    },
    sendMessages: {
      chromium:
        'This cookie was blocked because it had the "`SameSite=Lax`" attribute and the request was made from a different site and was not initiated by a top-level navigation.',
    },
    fix: 'Deploy the API under the app’s site (api.example.com for app.example.com, same scheme), or use `SameSite=None; Secure` with CSRF protection, or the Bearer transport.',
    source: 'RFC 6265bis §5.7 step 18, §5.8.3 step 2',
  },
  {
    code: 'ExcludeSameSiteStrict',
    severity: 'error',
    stage: 'set-cookie',
    summary: 'A `SameSite=Strict` cookie is refused from, or not sent to, a cross-site request.',
    messages: {
      chromium:
        'This attempt to set a cookie via a `Set-Cookie` header was blocked because it had the "SameSite=Strict" attribute but came from a cross-site response which was not the response to a top-level navigation.',
      gecko:
        'Cookie “{name}” has been rejected because it is in a cross-site context and its “SameSite” is “Lax” or “Strict”.',
    },
    sendMessages: {
      chromium:
        'This cookie was blocked because it had the "`SameSite=Strict`" attribute and the request was made from a different site. This includes top-level navigation requests initiated by other sites.',
    },
    fix: 'Deploy the API under the app’s site (same scheme), or use `SameSite=None; Secure` with CSRF protection, or the Bearer transport.',
    source: 'RFC 6265bis §5.7 step 18, §5.8.3 step 2',
  },
  {
    code: 'ExcludeSameSiteUnspecifiedTreatedAsLax',
    severity: 'error',
    stage: 'set-cookie',
    summary:
      'A cookie without SameSite counts as Lax in this browser, so it is refused from, or not sent to, a cross-site fetch.',
    messages: {
      chromium:
        'This `Set-Cookie` header didn\'t specify a "`SameSite`" attribute and was defaulted to "`SameSite=Lax,`" and was blocked because it came from a cross-site response which was not the response to a top-level navigation. The `Set-Cookie` had to have been set with "`SameSite=None`" to enable cross-site usage.',
      gecko:
        'Cookie “{name}” has “SameSite” policy set to “Lax” because it is missing a “SameSite” attribute, and “SameSite=Lax” is the default value for this attribute.',
    },
    sendMessages: {
      chromium:
        'This cookie didn\'t specify a "`SameSite`" attribute when it was stored and was defaulted to "SameSite=Lax," and was blocked because the request was made from a different site and was not initiated by a top-level navigation. The cookie had to have been set with "`SameSite=None`" to enable cross-site usage.',
    },
    fix: 'Server: say `SameSite=None; Secure` explicitly for a cross-site API (with CSRF protection), or deploy the API under the app’s site.',
    source: 'RFC 6265bis §5.7 step 18; Chrome Lax-by-default (80-84)',
  },
  {
    code: 'ExcludeCrossSiteRedirect',
    severity: 'error',
    stage: 'cookie-not-sent',
    summary: 'A Lax or Strict cookie is withheld because a redirect in the chain was cross-site.',
    messages: {
      gecko:
        'Cookie “{name}” with the “SameSite” attribute value “Lax” or “Strict” was omitted because of a cross-site redirect.',
    },
    fix: 'Client/server: avoid the cross-site redirect hop; call the final URL directly.',
    source: 'Fetch redirect-taint; Gecko CookieBlockedCrossSiteRedirect',
  },
  {
    code: 'ExcludeInvalidPrefix',
    severity: 'error',
    stage: 'set-cookie',
    summary:
      'The cookie name’s `__Secure-`/`__Host-`/`__Http-` prefix (any case) demands attributes it lacks.',
    messages: {
      chromium:
        'This attempt to set a cookie via a `Set-Cookie` header was blocked because it used the "`__Secure-`" or "`__Host-`" prefix in its name and broke the additional rules applied to cookies with these prefixes as defined in `https://tools.ietf.org/html/draft-west-cookie-prefixes-05`.',
      gecko: 'Cookie “{name}” has been rejected for invalid prefix.',
    },
    fix: 'Server: `__Secure-` needs `Secure`; `__Host-` needs `Secure; Path=/` and no `Domain`; `__Http-` also needs `HttpOnly`.',
    source: 'RFC 6265bis §4.1.3, §5.7 steps 20-23',
  },
  {
    code: 'ExcludeInvalidPartitioned',
    severity: 'error',
    stage: 'set-cookie',
    summary: 'A `Partitioned` cookie must be `Secure`.',
    messages: {
      chromium:
        'This attempt to set a cookie via a `Set-Cookie` header was blocked because it had the "Partitioned" attribute but did not have the "Secure" attribute.',
      gecko:
        'Cookie “{name}” has been rejected because it has the “Partitioned” attribute but is missing the “secure” attribute.',
    },
    fix: 'Server: add `Secure` (and serve over https).',
    source:
      'CHIPS (draft-cutler-httpbis-partitioned-cookies); Chromium EXCLUDE_INVALID_PARTITIONED',
  },
  {
    code: 'ExcludeThirdPartyPhaseout',
    severity: 'error',
    stage: 'set-cookie',
    summary:
      'Third-party cookies are blocked in this browser: the API is on another site than the page.',
    messages: {
      chromium:
        'Setting this cookie was blocked either because of Chrome flags or browser configuration. Learn more in the Issues panel.',
      gecko: 'Cookie “{value}” has been rejected as third-party.',
    },
    fix: 'Deploy the API under the app’s site (api.example.com for app.example.com), add `Partitioned` (CHIPS: Chrome, Safari 18.4+), or use the Bearer transport.',
    source:
      'Chrome incognito / Debian Chromium 156 default; Firefox cookieBehavior 1; Safari ITP; libsoup no-third-party',
  },
  {
    code: 'ExcludeUserPreferences',
    severity: 'error',
    stage: 'cookie-not-sent',
    summary:
      'The browser does not send third-party cookies: the API is on another site than the page.',
    messages: {
      chromium:
        'This cookie was blocked either because of Chrome flags or browser configuration. Learn more in the Issues panel.',
      gecko:
        'Request to access cookie or storage on “{url}” was blocked because we are blocking all third-party storage access requests and content blocking is enabled.',
    },
    fix: 'Deploy the API under the app’s site, add `Partitioned` (CHIPS), or use the Bearer transport.',
    source:
      'Chrome third-party cookie blocking (EXCLUDE_USER_PREFERENCES / THIRD_PARTY_PHASEOUT); Firefox CookieBlockedForeign; Safari ITP',
  },
  {
    code: 'PartitionedIgnored',
    severity: 'warning',
    summary:
      'This browser ignores `Partitioned`: the cookie is stored unpartitioned, under its third-party rules.',
    messages: {},
    fix: 'Nothing to change for this browser alone; do not rely on `Partitioned` where it is ignored (WebKitGTK).',
    source: 'libsoup has no Partitioned attribute (observed, WebKitGTK 2.50)',
  },
  {
    code: 'CookiePartitionedForeign',
    severity: 'info',
    summary: 'Stored in a jar keyed by the top-level site: sent only while the user is on {page}.',
    messages: {
      gecko:
        'Partitioned cookie or storage access was provided to “{url}” because it is loaded in the third-party context and dynamic state partitioning is enabled.',
    },
    fix: 'Nothing to fix for this page; the cookie will not be sent when the user visits the API’s site directly or from another site.',
    source: 'CHIPS; Firefox Total Cookie Protection (CookiePartitionedForeign2)',
  },
  {
    code: 'ExcludeOtherPartition',
    severity: 'error',
    stage: 'cookie-not-sent',
    summary:
      'The cookie is in the jar of another top-level site, so it is not sent from this page.',
    messages: {},
    fix: 'Set the cookie from this page’s context (the partition is the top-level site), or deploy the API under the app’s site.',
    source: 'CHIPS partition key; Firefox Total Cookie Protection',
  },
  {
    code: 'ExcludeNotOnPath',
    severity: 'error',
    stage: 'cookie-not-sent',
    summary: 'The cookie’s Path does not cover the request path.',
    messages: {
      chromium:
        "This cookie was blocked because its path was not an exact match for or a superdirectory of the request url's path.",
    },
    fix: 'Server: set `Path=/` (without Path the default is the directory of the URL that set it).',
    source: 'RFC 6265bis §5.1.4 path-match, §5.7 default-path',
  },
  {
    code: 'ExcludeDomainMismatch',
    severity: 'error',
    stage: 'cookie-not-sent',
    summary:
      'The cookie belongs to another host (a host-only cookie, or a Domain that does not cover this host).',
    messages: {
      chromium:
        "This cookie was blocked because neither did the request URL's domain exactly match the cookie's domain, nor was the request URL's domain a subdomain of the cookie's Domain attribute value.",
    },
    fix: 'Server: set the cookie from this host, or give it `Domain=` a parent shared by both hosts.',
    source: 'RFC 6265bis §5.1.3 domain-match, §5.8.3 step 1',
  },
  {
    code: 'CookieNotInJar',
    severity: 'error',
    stage: 'cookie-not-sent',
    summary: 'The page needs the cookie `{name}`, but the browser holds none of that name.',
    messages: {},
    fix: 'Make sure an earlier step sets `{name}` and that the browser stores it (see the set-cookie reasons of the earlier steps).',
    source: 'corset model',
  },
  {
    code: 'WarnSameSiteUnspecifiedLaxAllowUnsafe',
    severity: 'warning',
    summary:
      'Sent only thanks to Chrome’s 2-minute Lax+POST exception for cookies without SameSite; it stops working after 2 minutes.',
    messages: {
      chromium:
        'This cookie didn\'t specify a "SameSite" attribute when it was stored, was defaulted to "SameSite=Lax", and was sent on a cross-site top-level POST only because it was set less than 2 minutes ago.',
    },
    fix: 'Server: set `SameSite=None; Secure` explicitly (with CSRF protection) if the cross-site POST is intended.',
    source: 'Chromium kLaxAllowUnsafeMaxAge; RB §2.5',
  },
  {
    code: 'StoredDespiteCorsFailure',
    severity: 'info',
    summary:
      'The cookie is stored although the page sees a network error: Set-Cookie is processed before the CORS check.',
    messages: {},
    fix: 'Fix the CORS error above; the cookie already reached the jar.',
    source: 'Fetch §4.6 HTTP-network fetch; observed in all three engines (real-browsers.md)',
  },
  {
    code: 'CookieDeleted',
    severity: 'info',
    summary: 'The line removes the cookie (Max-Age ≤ 0 or an Expires in the past).',
    messages: {},
    fix: 'Nothing to fix if a logout was meant.',
    source: 'RFC 6265bis §5.7 step 6, step 26',
  },
] as const satisfies readonly ReasonEntry[];

/** A code of the catalogue. */
export type ReasonCode = (typeof entries)[number]['code'];

/** The catalogue, by code. */
export const REASONS: Readonly<Record<ReasonCode, ReasonEntry>> = Object.freeze(
  Object.fromEntries(entries.map((e) => [e.code, e])) as Record<ReasonCode, ReasonEntry>,
);

/** Every catalogue entry, in catalogue order. */
export const REASON_ENTRIES: readonly ReasonEntry[] = entries;

/** Values substituted into a message or fix template. */
export type ReasonParams = Readonly<Record<string, string | number | undefined>>;

function fill(template: string, params: ReasonParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = params[key];
    return value === undefined ? whole : String(value);
  });
}

/**
 * A reason for `engine`, its message and fix filled with `params` (`url`, `origin`,
 * `value`, `status`, `method`, `header`, `name`, `attr`, `location`, `page`, `cap`,
 * `preflightPrefix`). `sending` picks the wording for a cookie not sent. Where the engine
 * has no wording of its own, the summary stands in.
 */
export function reasonFor(
  code: ReasonCode,
  engine: Engine,
  params: ReasonParams = {},
  options: { readonly sending?: boolean } = {},
): Reason {
  const entry: ReasonEntry = REASONS[code];
  const filled = { preflightPrefix: '', ...params };
  const messages =
    options.sending === true && entry.sendMessages !== undefined
      ? entry.sendMessages
      : entry.messages;
  const template = messages[engine] ?? entry.summary;
  const reason: Reason = {
    code,
    severity: entry.severity,
    message: fill(template, filled),
    fix: fill(entry.fix, filled),
    source: entry.source,
  };
  return entry.stage === undefined ? reason : { ...reason, stage: entry.stage };
}

/** Chromium's prefix for preflight failures of the access check (cors_error_string.cc). */
export const CHROMIUM_PREFLIGHT_PREFIX =
  "Response to preflight request doesn't pass access control check: ";
