/**
 * A minimal W3C WebDriver client over HTTP (the endpoints the harness needs), with a
 * deadline on every call: WebKitWebDriver can hang (e.g. session creation without a
 * display), and a hung test must fail, not stall the run.
 */

/** An error answer of the remote end (W3C WebDriver §6.6). */
export class WebDriverError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
  ) {
    super(`WebDriver ${error} (${status}): ${message}`);
    this.name = 'WebDriverError';
  }
}

/** Sends one command; resolves to the answer's `value`. */
export async function webDriverCommand<T>(
  base: string,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body: unknown,
  timeoutMs: number,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new Error(`WebDriver ${method} ${path} failed after at most ${timeoutMs} ms: ${why}`);
  }
  const text = await response.text();
  let parsed: { value?: unknown };
  try {
    parsed = JSON.parse(text) as { value?: unknown };
  } catch {
    throw new WebDriverError(response.status, 'invalid response', text.slice(0, 200));
  }
  const value = parsed.value as { error?: string; message?: string } | null | undefined;
  if (!response.ok || (value && typeof value === 'object' && typeof value.error === 'string')) {
    throw new WebDriverError(
      response.status,
      value?.error ?? 'unknown error',
      value?.message ?? text.slice(0, 200),
    );
  }
  return parsed.value as T;
}
