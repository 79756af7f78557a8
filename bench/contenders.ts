/**
 * What is measured: one function per contender and case, deciding the same request and
 * producing its headers.
 * - `corset decide`: the pure policy, `policy.decide()`; no response object at all.
 * - `corset/node`: corset's Connect middleware on a mock response (decide + apply).
 * - `cors`: the `cors` package (expressjs/cors) as Connect middleware on the same mock.
 *   It never refuses a preflight (it answers 204 without `Access-Control-Allow-Origin`)
 *   and checks neither the requested method nor the headers.
 * - `floor`: a hand-written lower bound, not a correct CORS implementation: one Set
 *   lookup, then copying three headers (ACAO, ACAC, Vary) onto the mock.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from 'cors';
import { corsMiddleware } from '../src/adapters/node.js';
import { type CorsRequest, createCorsPolicy } from '../src/cors/index.js';
import type { BenchCase, BenchConfig, BenchRequest } from './inputs.js';
import { MockResponse, next } from './mock-http.js';

export const CONTENDERS = ['corset decide', 'corset/node', 'cors', 'floor'] as const;
export type Contender = (typeof CONTENDERS)[number];

/** A prepared run of one case: `run()` is timed, `allowOrigin()` checks it did the right thing. */
export interface Prepared {
  readonly run: () => unknown;
  /** The `Access-Control-Allow-Origin` that `run()`'s result carries, if any. */
  readonly allowOrigin: (result: unknown) => string | undefined;
}

function corsRequest(request: BenchRequest): CorsRequest {
  return { method: request.method, header: (name) => request.headers[name] };
}

function floor(allowed: ReadonlySet<string>, req: BenchRequest, res: MockResponse): void {
  const origin = req.headers.origin;
  if (origin !== undefined && allowed.has(origin)) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-allow-credentials', 'true');
  }
  res.setHeader('vary', 'Origin');
}

const fromMock = (result: unknown) =>
  (result as MockResponse).getHeader('access-control-allow-origin') as string | undefined;

/** Builds every contender for `config` once (policies, middleware), then one run per case. */
export function prepare(
  config: BenchConfig,
): (contender: Contender, benchCase: BenchCase) => Prepared {
  const policy = createCorsPolicy(config.corset);
  const node = corsMiddleware(policy);
  const expressCors = cors(config.cors);
  return (contender, { request }) => {
    switch (contender) {
      case 'corset decide': {
        const input = corsRequest(request);
        return {
          run: () => policy.decide(input),
          allowOrigin: (result) =>
            (result as ReturnType<typeof policy.decide>).headers.find(
              ([name]) => name === 'access-control-allow-origin',
            )?.[1],
        };
      }
      case 'corset/node':
        return {
          run: () => {
            const res = new MockResponse();
            node(request as unknown as IncomingMessage, res as unknown as ServerResponse, next);
            return res;
          },
          allowOrigin: fromMock,
        };
      case 'cors':
        return {
          run: () => {
            const res = new MockResponse();
            expressCors(request, res as unknown as ServerResponse, next);
            return res;
          },
          allowOrigin: fromMock,
        };
      case 'floor':
        return {
          run: () => {
            const res = new MockResponse();
            floor(config.floor, request, res);
            return res;
          },
          allowOrigin: fromMock,
        };
    }
  };
}
