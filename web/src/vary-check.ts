/**
 * A check on the server's headers that no browser prints: a cacheable answer to a CORS
 * request whose `Vary` lacks `Origin`. The browser model judges one exchange; the HTTP
 * cache can replay an answer made for another `Origin` (or for none: the URL opened in a
 * tab) to the page, which then fails the CORS check although the server "sends the right
 * headers". Fetch §3.2.5 (CORS protocol and HTTP caches): when
 * `Access-Control-Allow-Origin` is not `*` or a fixed origin, `Vary: Origin` is needed;
 * RFC 9111 §4.1: without it a stored answer is reused whatever the request's `Origin`.
 */
import type { Exchange, HeaderInput } from '../../src/browser/index.js';
import type { ReportNote } from '../../src/doctor/report/index.js';
import { headerPairs } from './secrets.js';

/** One finding of {@link checkVaryOrigin}, in the shape of the model's reasons. */
export interface VaryFinding {
  readonly code: 'VaryOriginMissing';
  readonly severity: 'warning';
  /** The step's index in the exchange. */
  readonly step: number;
  readonly url: string;
  readonly message: string;
  readonly fix: string;
  readonly source: string;
}

function field(headers: HeaderInput | undefined, name: string): string | undefined {
  const values = headerPairs(headers)
    .filter(([n]) => n.toLowerCase() === name)
    .map(([, v]) => v);
  return values.length === 0 ? undefined : values.join(', ');
}

function directives(value: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (value ?? '').split(',')) {
    const [name = '', arg = ''] = part.split('=', 2).map((s) => s.trim().toLowerCase());
    if (name !== '') out.set(name, arg.replace(/^"|"$/g, ''));
  }
  return out;
}

/**
 * RFC 9111 §3 and §4.2.1: storable and fresh for a while without asking the server
 * (`max-age`/`s-maxage` above 0, or `Expires`), and not `no-store`/`no-cache`.
 */
function reusableWithoutAsking(headers: HeaderInput | undefined): boolean {
  const cc = directives(field(headers, 'cache-control'));
  if (cc.has('no-store') || cc.has('no-cache')) return false;
  const age = cc.get('s-maxage') ?? cc.get('max-age');
  if (age !== undefined) return /^\d+$/.test(age) && Number(age) > 0;
  return field(headers, 'expires') !== undefined;
}

function variesOnOrigin(headers: HeaderInput | undefined): boolean {
  return (field(headers, 'vary') ?? '')
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .some((t) => t === 'origin' || t === '*');
}

/**
 * The answers of `exchange` (final responses of `cors` requests to another origin) that
 * a cache may store and replay to another `Origin`: cacheable, `Vary` without `Origin`,
 * and `Access-Control-Allow-Origin` absent or naming one origin (`*` alone is the same
 * for everybody).
 */
export function checkVaryOrigin(exchange: Exchange): VaryFinding[] {
  const findings: VaryFinding[] = [];
  exchange.steps.forEach((step, index) => {
    const pageOrigin = new URL(step.page ?? exchange.page).origin;
    let url: URL;
    try {
      url = new URL(step.request.url);
    } catch {
      return;
    }
    if ((step.request.mode ?? 'cors') !== 'cors' || url.origin === pageOrigin) return;
    const headers = step.responses.actual.headers;
    if (!reusableWithoutAsking(headers) || variesOnOrigin(headers)) return;
    const acao = field(headers, 'access-control-allow-origin')?.trim();
    if (acao === '*' && field(headers, 'access-control-allow-credentials') === undefined) return;
    findings.push({
      code: 'VaryOriginMissing',
      severity: 'warning',
      step: index,
      url: url.href,
      message:
        acao === undefined
          ? `This answer is cacheable (${field(headers, 'cache-control') ?? 'Expires'}) without Vary: Origin and has no Access-Control-Allow-Origin: it is what a request without Origin gets (the URL opened in a tab), and the browser's cache replays it to the page, which then fails the CORS check.`
          : `This answer names one origin (Access-Control-Allow-Origin: ${acao}) and is cacheable (${field(headers, 'cache-control') ?? 'Expires'}) without Vary: Origin: a cache may replay it to another origin, or replay another origin's answer to this page.`,
      fix: 'Server: add `Vary: Origin` to every answer whose CORS headers depend on the request Origin (answers to requests without Origin included), or send `Cache-Control: no-store`.',
      source: 'Fetch §3.2.5 CORS protocol and HTTP caches; RFC 9111 §4.1',
    });
  });
  return findings;
}

/** A finding as a note of the doctor's report (message, then fix and sources). */
export function varyNote(finding: VaryFinding): ReportNote {
  return {
    code: finding.code,
    severity: finding.severity,
    message: `${finding.url}: ${finding.message} ${finding.fix} (${finding.source})`,
    step: finding.step,
  };
}
