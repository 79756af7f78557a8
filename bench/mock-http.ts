/**
 * The least a middleware needs of its framework's response: a header map, a status, and
 * the calls that end it. Allocated per call, for every contender alike, so socket and
 * parser costs drop out and only the CORS work is left.
 */
import type { BenchRequest } from './inputs.js';

type HeaderValue = string | number | readonly string[];

/** A case-insensitive header map with the read and remove calls both frameworks share. */
class MockHeaders {
  readonly #headers = new Map<string, HeaderValue>();

  getHeader(name: string) {
    return this.#headers.get(name.toLowerCase());
  }

  hasHeader(name: string) {
    return this.#headers.has(name.toLowerCase());
  }

  removeHeader(name: string) {
    this.#headers.delete(name.toLowerCase());
    return this;
  }

  protected store(name: string, value: HeaderValue) {
    this.#headers.set(name.toLowerCase(), value);
    return this;
  }
}

/** Node's `ServerResponse`, as far as a Connect middleware uses it. */
export class MockResponse extends MockHeaders {
  statusCode = 200;

  setHeader(name: string, value: HeaderValue) {
    return this.store(name, value);
  }

  writeHead() {
    return this;
  }

  end() {
    return this;
  }
}

/** Fastify's request, as far as an `onRequest` CORS hook reads it. */
export class MockFastifyRequest {
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly raw: { readonly method: string };
  readonly routeOptions = { config: {} };
  corsPreflightEnabled = false;

  constructor(request: BenchRequest) {
    this.method = request.method;
    this.headers = request.headers;
    this.raw = request;
  }
}

/** Fastify's reply, as far as an `onRequest` CORS hook writes it. */
export class MockFastifyReply extends MockHeaders {
  statusCode = 200;
  sent = false;

  header(name: string, value: HeaderValue) {
    return this.store(name, value);
  }

  code(status: number) {
    this.statusCode = status;
    return this;
  }

  status(status: number) {
    return this.code(status);
  }

  type() {
    return this;
  }

  send() {
    this.sent = true;
    return this;
  }
}

/** A `next` that does nothing: the app is not part of what is measured. */
export function next(): void {}
