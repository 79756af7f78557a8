/**
 * Mounting a corset entry point on Fastify 5: the CORS plugin (`corset.cors`) for the
 * whole app, the session endpoints as routes, and {@link requireSession} as an
 * `onRequest` hook for protected routes: it runs before the body is parsed, so a forged
 * form POST is refused 403 by the CSRF check, not 415 by the content-type parser.
 */
import type {
  FastifyPluginCallback,
  FastifyReply,
  FastifyRequest,
  onRequestHookHandler,
} from 'fastify';
import type { Corset, Session, SessionEndpoint, VerifyCredentials } from '../session/server.js';
import { csrfError } from '../session/server-errors.js';
import {
  errorResponse,
  type SessionRequest,
  type SessionResponse,
} from '../session/server-http.js';
import { corsPlugin } from './fastify.js';
import { isJsonType, MAX_SESSION_BODY_BYTES, nodeView, parseJson } from './shared-session.js';

/** Options of {@link sessionPlugin}. */
export interface FastifySessionOptions {
  /** Checks a login's username and password; the user's `id` becomes the session subject. */
  readonly verifyCredentials: VerifyCredentials;
}

const sessions = new WeakMap<FastifyRequest, Session>();

/** The session {@link requireSession} found for `request`. */
export function sessionOf(request: FastifyRequest): Session | undefined {
  return sessions.get(request);
}

function reply(target: FastifyReply, response: SessionResponse): FastifyReply {
  target.code(response.status);
  const cookies: string[] = [];
  for (const [name, value] of response.headers) {
    if (name === 'set-cookie') cookies.push(value);
    else target.header(name, value);
  }
  if (cookies.length > 0) target.header('set-cookie', cookies);
  return response.body === undefined ? target.send() : target.send(response.body);
}

/**
 * An `onRequest` hook for protected routes (`{ onRequest: requireSession(corset) }`):
 * 401/403 per the protocol, or on with the session available through {@link sessionOf}.
 */
export function requireSession(corset: Corset): onRequestHookHandler {
  return async function corsetRequireSession(request, target) {
    const result = await corset.authenticate(nodeView(request.raw));
    if (!result.ok) return reply(target, result.response);
    sessions.set(request, result.session);
  };
}

/**
 * A Fastify 5 plugin: `await app.register(sessionPlugin(corset, { verifyCredentials }))`,
 * before other hooks and routes. It registers the CORS plugin on the app itself, then
 * `POST` routes at `corset.paths` in their own context, whose body parser takes JSON up
 * to 16 KiB and leaves any other body undefined (answered 400 `bad-request`).
 */
export function sessionPlugin(
  corset: Corset,
  options: FastifySessionOptions,
): FastifyPluginCallback {
  // The CSRF check before the body is read: a forged request costs no parsing.
  const csrfFirst: onRequestHookHandler = async function corsetCsrf(request, target) {
    const check = corset.csrf.check(nodeView(request.raw));
    if (!check.ok) return reply(target, errorResponse(csrfError(check)));
  };

  const routes: FastifyPluginCallback = (instance, _options, done) => {
    instance.removeAllContentTypeParsers();
    instance.addContentTypeParser(
      '*',
      { parseAs: 'string', bodyLimit: MAX_SESSION_BODY_BYTES },
      (request, body, parsed) => {
        parsed(
          null,
          isJsonType(request.headers['content-type']) ? parseJson(String(body)) : undefined,
        );
      },
    );
    const answer = {
      login: (view: SessionRequest) => corset.handleLogin(view, options.verifyCredentials),
      refresh: (view: SessionRequest) => corset.refresh(view),
      logout: (view: SessionRequest) => corset.logout(view),
    };
    for (const [endpoint, path] of Object.entries(corset.paths) as [SessionEndpoint, string][]) {
      instance.post(path, { onRequest: csrfFirst }, async (request, target) =>
        reply(target, await answer[endpoint](nodeView(request.raw, request.body))),
      );
    }
    done();
  };

  const plugin: FastifyPluginCallback = (fastify, _options, done) => {
    fastify.register(corsPlugin(corset.cors));
    fastify.register(routes);
    done();
  };
  return Object.assign(plugin, {
    [Symbol.for('skip-override')]: true,
    [Symbol.for('fastify.display-name')]: 'corset-session',
  });
}
