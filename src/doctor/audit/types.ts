/**
 * The shapes of `corset audit`: what is sent (probes), what came back (observations),
 * and what it means (findings). Pure data, shared by the probe planner, the analysis,
 * the renderers and the sender.
 */

/** How bad a finding is, from worst to mildest. */
export type Severity = 'high' | 'medium' | 'low' | 'info';

/** Severities from worst to mildest (the order `--fail-on` compares with). */
export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low', 'info'];

/** Whether `severity` is at or above `threshold` (`high` is above `medium`). */
export function isAtLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITIES.indexOf(severity) <= SEVERITIES.indexOf(threshold);
}

/** Stable identifiers of the misconfiguration classes (see `classes.ts`). */
export type AuditClassId =
  | 'origin-reflected'
  | 'null-origin'
  | 'prefix-match'
  | 'suffix-match'
  | 'substring-match'
  | 'unescaped-dot'
  | 'special-characters'
  | 'any-subdomain'
  | 'insecure-origin'
  | 'third-party-origin'
  | 'wildcard'
  | 'invalid-allow-origin'
  | 'missing-vary-origin'
  | 'crlf-reflected'
  | 'preflight-permissive';

/**
 * One request the audit sends to a target URL.
 * - `class`: the class whose hypothesis the probe tests, or `baseline` for the requests
 *   that only give the analysis something to compare with (no `Origin`, the trusted
 *   origin);
 * - `origin`: the exact `Origin` value, `undefined` for none (CR/LF probes hold the raw
 *   control character, which is why they go through a raw socket: `raw: true`);
 * - `preflight`: an OPTIONS carrying `Access-Control-Request-Method`/`-Headers`.
 */
export interface Probe {
  readonly id: string;
  readonly class: AuditClassId | 'baseline';
  readonly method: 'GET' | 'OPTIONS';
  readonly url: string;
  readonly origin: string | undefined;
  /** Request headers besides `Origin`, lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly raw: boolean;
}

/** A response head: status and headers, lower-case names, repeated headers kept apart. */
export interface ObservedResponse {
  readonly status: number;
  readonly headers: readonly (readonly [name: string, value: string])[];
}

/** What came back for one probe: a response, or why there was none. */
export type Observation =
  | { readonly probe: Probe; readonly response: ObservedResponse }
  | { readonly probe: Probe; readonly error: string };

/** One exploitable or broken CORS behaviour found on a target. */
export interface Finding {
  readonly class: AuditClassId;
  readonly title: string;
  readonly severity: Severity;
  /** Whether the evidence response carried `Access-Control-Allow-Credentials: true`. */
  readonly credentials: boolean;
  readonly url: string;
  /** The request that showed it. */
  readonly probe: {
    readonly method: 'GET' | 'OPTIONS';
    readonly origin: string | null;
    readonly headers: Readonly<Record<string, string>>;
  };
  /** The status and the CORS-relevant response headers that prove it. */
  readonly evidence: {
    readonly status: number;
    readonly headers: Readonly<Record<string, string>>;
  };
  /** What is wrong, in one or two sentences about this target. */
  readonly message: string;
  readonly fix: string;
  /** Other probe origins accepted for the same reason (same class, or a narrower one). */
  readonly alsoAccepted: readonly string[];
}

/** The audit of one URL. */
export type TargetResult =
  | {
      readonly url: string;
      readonly status: 'audited';
      readonly probes: number;
      /** Probes that got no response (timeouts, resets), with why. */
      readonly failedProbes: readonly { readonly probe: string; readonly error: string }[];
      readonly findings: readonly Finding[];
    }
  | { readonly url: string; readonly status: 'unreachable'; readonly error: string };
