/**
 * The least a Connect middleware needs of Node's `ServerResponse`: a header map, a
 * status, `writeHead` and `end`. Allocated per call, for every middleware contender alike,
 * so socket and parser costs drop out and only the CORS work is left.
 */
export class MockResponse {
  statusCode = 200;
  readonly #headers = new Map<string, string | number | readonly string[]>();

  getHeader(name: string) {
    return this.#headers.get(name.toLowerCase());
  }

  setHeader(name: string, value: string | number | readonly string[]) {
    this.#headers.set(name.toLowerCase(), value);
    return this;
  }

  hasHeader(name: string) {
    return this.#headers.has(name.toLowerCase());
  }

  removeHeader(name: string) {
    this.#headers.delete(name.toLowerCase());
  }

  writeHead() {
    return this;
  }

  end() {
    return this;
  }
}

/** A `next` that does nothing: the app is not part of what is measured. */
export function next(): void {}
