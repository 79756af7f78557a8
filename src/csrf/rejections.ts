/**
 * The rejections the CSRF check answers with, as data: a stable code, what happened and
 * what to do. Built once per protection (the custom-header text names the header) and
 * frozen, so a refused request allocates nothing.
 */
import { CSRF_REJECTION } from './codes.js';
import type { CsrfRejection, CsrfRejectionCode } from './types.js';

const TRUST_FIX =
  "If this origin is one of your apps, add it to the CORS policy's origins: the CSRF check trusts the same list. Otherwise nothing is wrong here: a page on another origin tried to use the session cookie and was stopped.";

type Texts = { readonly message: string; readonly fix: string };

function texts(customHeader: string | undefined): Record<CsrfRejectionCode, Texts> {
  return {
    [CSRF_REJECTION.crossSiteUntrustedOrigin]: {
      message:
        'A state-changing request from another site (Sec-Fetch-Site: cross-site) carries the session cookie, and its Origin is not trusted: it may be forged by that site.',
      fix: TRUST_FIX,
    },
    [CSRF_REJECTION.sameSiteUntrustedOrigin]: {
      message:
        'A state-changing request from another host of the same site (Sec-Fetch-Site: same-site) carries the session cookie, and its Origin is not trusted: SameSite cookies do not stop a sibling subdomain from forging requests.',
      fix: TRUST_FIX,
    },
    [CSRF_REJECTION.secFetchSiteInvalid]: {
      message:
        'Sec-Fetch-Site holds a value no browser sends (Fetch Metadata defines cross-site, same-origin, same-site and none), so the request is treated as cross-site, and its Origin is not trusted.',
      fix: 'Send the request from a browser page on a trusted origin, or without the cookie (Authorization: Bearer) from other clients; check that no proxy rewrites Sec-Fetch-Site.',
    },
    [CSRF_REJECTION.originMismatch]: {
      message:
        "A state-changing request with the session cookie carries an Origin that is neither this server's own origin nor trusted (the browser sent no Sec-Fetch-Site, so the Origin alone decides).",
      fix: `${TRUST_FIX} Behind a reverse proxy, make the adapter see the public scheme and Host (forwarded headers from a trusted proxy), or the server's own pages look cross-origin.`,
    },
    [CSRF_REJECTION.originMissing]: {
      message:
        'The browser marked this state-changing request as coming from another origin (Sec-Fetch-Site) but sent no Origin, so its sender cannot be checked.',
      fix: 'Browsers send Origin on every non-GET request (Fetch §3.1 "append a request `Origin` header"); check that no proxy strips it.',
    },
    [CSRF_REJECTION.originNull]: {
      message:
        'Origin is "null" (a sandboxed frame, a data: or file: page, or a redirect across origins): the sender cannot be identified, so a state-changing request with the session cookie is refused.',
      fix: 'Send the request from a page with a real origin that the CORS policy lists; never trust "null", which any sandboxed frame can send.',
    },
    [CSRF_REJECTION.missingCustomHeader]: {
      message: `A cookie-authenticated state-changing request from another origin lacks the \`${customHeader ?? ''}\` header, which this API requires so that such requests need a CORS preflight.`,
      fix: `Send \`${customHeader ?? ''}\` (any value) on every write from the app (and list it in the CORS policy's allowedHeaders); a plain HTML form cannot add it, which is the point.`,
    },
  };
}

/** The frozen rejection for each code, texts naming `customHeader` where relevant. */
export function buildRejections(
  customHeader: string | undefined,
): Readonly<Record<CsrfRejectionCode, CsrfRejection>> {
  const all = texts(customHeader);
  const out = {} as Record<CsrfRejectionCode, CsrfRejection>;
  for (const code of Object.keys(all) as CsrfRejectionCode[]) {
    out[code] = Object.freeze({ ok: false, status: 403, code, ...all[code] });
  }
  return Object.freeze(out);
}
