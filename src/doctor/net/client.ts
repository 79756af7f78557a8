/**
 * The doctor's HTTP client, on undici: sends exactly the request it is given (Origin,
 * Sec-Fetch-*, Cookie included: undici's `request` has no forbidden header list), never
 * follows a redirect (a 3xx comes back as the answer, so the caller decides and says
 * so), and reports failures as data (`NetError`), never by throwing.
 */
import { rootCertificates } from 'node:tls';
import { Agent, buildConnector, request } from 'undici';
import { describeNetError, type NetError } from './errors.js';
import { type ResolveEntry, resolvedAddress } from './resolve.js';

/** How to connect: the four connection options of `doctor` and `audit`. */
export interface ConnectionSettings {
  /** `--resolve` mappings. */
  readonly resolve: readonly ResolveEntry[];
  /** `--insecure`: accept any server certificate. */
  readonly insecure: boolean;
  /** `--ca`: extra trusted authorities (PEM text), added to Node's built-in roots. */
  readonly ca?: string;
  /** `--timeout`, in milliseconds, for each request as a whole (connect to last byte). */
  readonly timeoutMs: number;
}

/** Default `--timeout`: 10 s, enough for a slow API, short enough for a person waiting. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** The default settings: no mapping, certificates checked, {@link DEFAULT_TIMEOUT_MS}. */
export const DEFAULT_CONNECTION: ConnectionSettings = {
  resolve: [],
  insecure: false,
  timeoutMs: DEFAULT_TIMEOUT_MS,
};

/** One request to send. Header names and values go out as given, in order. */
export interface NetRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly body?: string;
}

/** The server's answer. */
export interface NetResponse {
  readonly url: string;
  readonly status: number;
  /** Header lines as received, names lower case, repeated fields kept apart (Set-Cookie). */
  readonly headers: readonly (readonly [string, string])[];
  /** The body, decoded as UTF-8 (at most {@link MAX_BODY_BYTES}). */
  readonly body: string;
  /** Milliseconds from sending to the last byte. */
  readonly elapsedMs: number;
}

/** What {@link HttpClient.send} resolves to. */
export type NetOutcome =
  | { readonly ok: true; readonly response: NetResponse }
  | { readonly ok: false; readonly error: NetError };

/** A client bound to one set of connection settings. */
export interface HttpClient {
  /** Sends one request; never throws, never follows a redirect. */
  send(request: NetRequest): Promise<NetOutcome>;
  /** Closes the pooled connections. */
  close(): Promise<void>;
}

/** Bodies beyond this are cut: the doctor reads headers, and a body only to show it. */
export const MAX_BODY_BYTES = 1_000_000;

function parseTarget(url: string): URL | NetError {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return {
      kind: 'invalid-url',
      message: `'${url}' is not an absolute URL (write it as https://host[:port]/path)`,
    };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return {
      kind: 'unsupported-scheme',
      message: `'${url}': only http: and https: URLs can be sent (got ${parsed.protocol})`,
    };
  }
  return parsed;
}

function headerLines(raw: Record<string, string | string[] | undefined>): [string, string][] {
  const lines: [string, string][] = [];
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) lines.push([name.toLowerCase(), v]);
  }
  return lines;
}

async function readBody(body: AsyncIterable<Buffer | Uint8Array>): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    if (size < MAX_BODY_BYTES) chunks.push(Buffer.from(chunk).subarray(0, MAX_BODY_BYTES - size));
    size += chunk.length;
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Creates a client. `--resolve` is applied in the connector, so the URL, `Host`, SNI and
 * the certificate check all keep the real host name; only the TCP connection goes to
 * the mapped address.
 */
export function createHttpClient(settings: ConnectionSettings): HttpClient {
  const base = buildConnector({
    rejectUnauthorized: !settings.insecure,
    ...(settings.ca === undefined ? {} : { ca: [...rootCertificates, settings.ca] }),
    timeout: settings.timeoutMs,
  });
  const agent = new Agent({
    connect(options, callback) {
      const port = Number(options.port) || (options.protocol === 'https:' ? 443 : 80);
      const address = resolvedAddress(settings.resolve, options.hostname, port);
      if (address === undefined) {
        base(options, callback);
        return;
      }
      // SNI and the certificate check use the name, not the mapped address.
      base({ ...options, hostname: address, servername: options.hostname }, callback);
    },
    headersTimeout: settings.timeoutMs,
    bodyTimeout: settings.timeoutMs,
  });

  return {
    async send(req) {
      const target = parseTarget(req.url);
      if (!(target instanceof URL)) return { ok: false, error: target };
      const started = performance.now();
      const controller = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, settings.timeoutMs);
      try {
        const answer = await request(target, {
          dispatcher: agent,
          method: req.method as 'GET',
          headers: req.headers.flat(),
          ...(req.body === undefined ? {} : { body: req.body }),
          signal: controller.signal,
        });
        const body = await readBody(answer.body);
        return {
          ok: true,
          response: {
            url: target.href,
            status: answer.statusCode,
            headers: headerLines(answer.headers),
            body,
            elapsedMs: Math.round(performance.now() - started),
          },
        };
      } catch (error) {
        if (timedOut) {
          return {
            ok: false,
            error: {
              kind: 'timeout',
              message: `${target.host} did not answer within ${settings.timeoutMs} ms (raise --timeout, or check the server is up)`,
            },
          };
        }
        return { ok: false, error: describeNetError(error, target, settings.timeoutMs) };
      } finally {
        clearTimeout(timer);
      }
    },
    close() {
      return agent.close();
    },
  };
}
