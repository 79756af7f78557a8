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
 * - `@fastify/cors` and `corset/fastify`: each plugin registered on a stand-in Fastify
 *   instance that keeps the `onRequest` hook it adds, then that hook called on a mock
 *   request and reply (Fastify's routing and reply machinery are left out, alike).
 * - `hono cors` and `corset/hono`: a Hono 4 app with the middleware and one route, called
 *   with `app.fetch(request)`: Hono has no way to run a middleware without its context,
 *   so these numbers include Hono's routing and the `Response` objects.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import fastifyCors from '@fastify/cors';
import cors from 'cors';
import type { FastifyPluginCallback } from 'fastify';
import { Hono } from 'hono';
import { cors as honoCors } from 'hono/cors';
import { corsPlugin } from '../src/adapters/fastify.js';
import { corsMiddleware as honoCorset } from '../src/adapters/hono.js';
import { corsMiddleware } from '../src/adapters/node.js';
import { type CorsRequest, createCorsPolicy } from '../src/cors/index.js';
import { type BenchCase, type BenchConfig, type BenchRequest, SHARED } from './inputs.js';
import { MockFastifyReply, MockFastifyRequest, MockResponse, next } from './mock-http.js';

export const CONTENDERS = [
  'corset decide',
  'corset/node',
  'cors',
  'floor',
  'corset/fastify',
  '@fastify/cors',
  'corset/hono',
  'hono cors',
] as const;
export type Contender = (typeof CONTENDERS)[number];

/** A prepared run of one case: `run()` is timed, `allowOrigin()` checks it did the right thing. */
export interface Prepared {
  readonly run: () => unknown;
  /** Whether `run()` returns a promise (mitata then awaits it). */
  readonly async: boolean;
  /** The `Access-Control-Allow-Origin` that `run()`'s (awaited) result carries, if any. */
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
  (result as MockResponse | MockFastifyReply).getHeader('access-control-allow-origin') as
    | string
    | undefined;

type Hook = (request: unknown, reply: unknown, done: (error?: unknown) => void) => void;

/** Registers `plugin` on a stand-in for a Fastify instance and returns its `onRequest` hook. */
function onRequestHook(plugin: FastifyPluginCallback, options: object): Hook {
  let hook: Hook | undefined;
  const instance = {
    decorateRequest() {},
    addHook(name: string, handler: Hook) {
      if (name === 'onRequest') hook = handler;
    },
    options() {},
  };
  (plugin as unknown as (f: unknown, o: object, done: (e?: unknown) => void) => void)(
    instance,
    options,
    (error) => {
      if (error !== undefined) throw error;
    },
  );
  if (hook === undefined) throw new Error('the plugin added no onRequest hook');
  const registered = hook;
  return (request, reply, done) => registered.call(instance, request, reply, done);
}

function honoApp(middleware: Parameters<Hono['use']>[1]): Hono {
  const app = new Hono();
  app.use('*', middleware);
  app.all('*', (c) => c.body(null, 204));
  return app;
}

/** Builds every contender for `config` once (policies, middleware), then one run per case. */
export function prepare(
  config: BenchConfig,
): (contender: Contender, benchCase: BenchCase) => Prepared {
  const policy = createCorsPolicy(config.corset);
  const node = corsMiddleware(policy);
  const expressCors = cors(config.cors);
  const corsetHook = onRequestHook(corsPlugin(policy), {});
  const fastifyHook = onRequestHook(fastifyCors as unknown as FastifyPluginCallback, {
    ...config.cors,
  });
  const corsetHono = honoApp(honoCorset(policy));
  const plainHono = honoApp(
    honoCors({
      origin: config.honoOrigin,
      credentials: SHARED.credentials,
      allowMethods: [...SHARED.methods],
      allowHeaders: [...SHARED.allowedHeaders],
      exposeHeaders: [...SHARED.exposedHeaders],
      maxAge: SHARED.maxAge,
    }),
  );
  return (contender, { request }) => {
    const sync = (run: () => unknown, allowOrigin = fromMock): Prepared => ({
      run,
      async: false,
      allowOrigin,
    });
    const fetchRequest = new Request('https://api.example.com/items', {
      method: request.method,
      headers: request.headers,
    });
    const viaHono = (app: Hono): Prepared => ({
      run: () => app.fetch(fetchRequest),
      async: true,
      allowOrigin: (result) =>
        (result as Response).headers.get('access-control-allow-origin') ?? undefined,
    });
    switch (contender) {
      case 'corset decide': {
        const input = corsRequest(request);
        return sync(
          () => policy.decide(input),
          (result) =>
            (result as ReturnType<typeof policy.decide>).headers.find(
              ([name]) => name === 'access-control-allow-origin',
            )?.[1],
        );
      }
      case 'corset/node':
        return sync(() => {
          const res = new MockResponse();
          node(request as unknown as IncomingMessage, res as unknown as ServerResponse, next);
          return res;
        });
      case 'cors':
        return sync(() => {
          const res = new MockResponse();
          expressCors(request, res as unknown as ServerResponse, next);
          return res;
        });
      case 'floor':
        return sync(() => {
          const res = new MockResponse();
          floor(config.floor, request, res);
          return res;
        });
      case 'corset/fastify':
        return sync(() => {
          const reply = new MockFastifyReply();
          corsetHook(new MockFastifyRequest(request), reply, next);
          return reply;
        });
      case '@fastify/cors':
        return sync(() => {
          const reply = new MockFastifyReply();
          fastifyHook(new MockFastifyRequest(request), reply, next);
          return reply;
        });
      case 'corset/hono':
        return viaHono(corsetHono);
      case 'hono cors':
        return viaHono(plainHono);
    }
  };
}
