/**
 * `corset/fastify`: the CORS policy as a Fastify 5 plugin.
 *
 * The plugin skips Fastify's encapsulation (`Symbol.for('skip-override')`, what
 * `fastify-plugin` sets, without depending on it): its hooks are added to the instance it
 * is registered on and so apply to every route of the app, its 404 handler included.
 * Fastify runs `onRequest` hooks in the order they were added, so registering this plugin
 * before any authentication hook means a preflight is answered before auth can see it.
 */
import type {
  FastifyPluginCallback,
  FastifyReply,
  FastifyRequest,
  onRequestHookHandler,
  onSendHookHandler,
} from 'fastify';
import type { CorsDecision, HeaderPair } from '../cors/index.js';
import { mergeVary } from '../cors/index.js';
import { headerText, NodeCorsRequest, type PolicyOrConfig, resolvePolicy } from './apply.js';

export type { PolicyOrConfig } from './apply.js';

type DecisionSlot = Record<symbol, CorsDecision | null>;

function setVary(reply: FastifyReply, tokens: readonly string[]): void {
  const current = headerText(reply.getHeader('vary'));
  const merged = mergeVary(current, tokens);
  // Unchanged (the usual case in onSend): no second write of the same value.
  if (merged !== current) reply.header('vary', merged);
}

/**
 * A Fastify 5 plugin applying a CORS policy to the whole app:
 * `await app.register(corsPlugin(config))`, before the hooks and routes it must precede.
 *
 * - `onRequest`: a preflight (OPTIONS with `Origin` and `Access-Control-Request-Method`)
 *   is answered at once (204 with the CORS headers, or 403 without), whether or not an
 *   OPTIONS route exists, so later `onRequest` hooks (auth) and handlers never run. Other
 *   requests get their CORS headers (allowed origins only) and `Vary` here, into the
 *   reply's headers, which Fastify keeps on error replies (its error handlers drop only
 *   `content-type` and `content-length`).
 * - `onSend`: `Vary` is merged again, without duplicates, with whatever the route or an
 *   error handler set since.
 *
 * An OPTIONS without `Access-Control-Request-Method` is not a preflight and reaches the
 * app (Fastify answers 404 when no OPTIONS route matches).
 *
 * @param source a policy from `createCorsPolicy`, or a config, built here once (throws
 *   its `ConfigError` now, never per request).
 */
export function corsPlugin(source: PolicyOrConfig): FastifyPluginCallback {
  const policy = resolvePolicy(source);
  // One slot per plugin instance: the decision, for onSend, without a WeakMap lookup.
  const slot = Symbol('corset decision');
  const decisionOf = (request: FastifyRequest) => (request as unknown as DecisionSlot)[slot];

  const onRequest: onRequestHookHandler = function corsetOnRequest(request, reply, done) {
    const decision = policy.decide(new NodeCorsRequest(request.method, request.headers));
    (request as unknown as DecisionSlot)[slot] = decision;
    // Indexed: `for...of` with destructuring over the frozen shared pairs is slower.
    const headers = decision.headers;
    for (let i = 0; i < headers.length; i++) {
      const pair = headers[i] as HeaderPair;
      reply.header(pair[0], pair[1]);
    }
    setVary(reply, decision.vary);
    if (decision.kind === 'preflight') {
      // Replying from a callback hook without calling `done` ends the hook chain
      // (Fastify "Hooks", respond to a request from a hook).
      reply.code(decision.status).send();
      return;
    }
    done();
  };

  const onSend: onSendHookHandler = function corsetOnSend(request, reply, payload, done) {
    const decision = decisionOf(request);
    if (decision != null) setVary(reply, decision.vary);
    done(null, payload);
  };

  const plugin: FastifyPluginCallback = (fastify, _options, done) => {
    fastify.decorateRequest(slot, null);
    fastify.addHook('onRequest', onRequest);
    fastify.addHook('onSend', onSend);
    done();
  };
  return Object.assign(plugin, {
    [Symbol.for('skip-override')]: true,
    [Symbol.for('fastify.display-name')]: 'corset',
  });
}
