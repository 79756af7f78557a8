/**
 * `startDemo`: the API and the app of `corset demo`, on two origins, on 127.0.0.1 only,
 * built on corset's entry point (`createCorset`). Used by the CLI, the tests and the
 * doctor's tests.
 */
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { ConfigProblem } from '../internal/problems.js';
import { ConfigError } from '../internal/problems.js';
import {
  type Corset,
  createCorset,
  createRedisSessionStore,
  generateKeySpec,
  type RedisSessionStore,
  type TopologyExplanation,
} from '../session/index.js';
import {
  type ApiRequestRecord,
  AUTH_HEADER,
  createApiListener,
  isProtectedPath,
} from './api-server.js';
import { createAppListener } from './app-server.js';
import { type AssetSource, defaultAssets } from './assets.js';
import { type DemoCertificates, ensureDemoCertificates } from './certs.js';
import { createMistakeLayer } from './mistake-layer.js';
import { findMistake, type Mistake } from './mistakes.js';
import { createNoteBook, type NoteBook } from './notes.js';
import { type DemoRequest, type DemoSettings, resolveDemoSettings } from './options.js';
import { type DemoTopology, demoOrigin, findTopology, namesToMap } from './topologies.js';
import { DEMO_PASSWORD, DEMO_USERS } from './users.js';

/** Options of {@link startDemo}: the CLI's, plus hooks for tests. */
export interface DemoOptions extends DemoRequest {
  /** corset's cache folder, for the HTTPS certificates (see `certs.ts`). */
  readonly cacheDir?: string;
  /** Called once per API request, after the answer is written. */
  readonly onRequest?: (record: ApiRequestRecord) => void;
  /** Where the page's modules come from (default: see `assets.ts`). */
  readonly assets?: AssetSource;
}

/** A running demo. */
export interface RunningDemo {
  /** The app page, e.g. `http://localhost:8080/`. */
  readonly appUrl: string;
  /** The API's origin, e.g. `http://localhost:3000`. */
  readonly apiUrl: string;
  readonly settings: DemoSettings;
  /** The ports actually bound (differ from the settings' when they were 0). */
  readonly appPort: number;
  readonly apiPort: number;
  /** Host names a browser must resolve to 127.0.0.1 (none for `ports`). */
  readonly hostNames: readonly string[];
  /** The local CA and leaf, for the HTTPS topologies. */
  readonly certificates: DemoCertificates | undefined;
  /** The mistake served on purpose, if any. */
  readonly mistake: Mistake | undefined;
  /** corset's decision: cookie attributes, transport, reasons, warnings. */
  readonly explanation: TopologyExplanation;
  /** Whether the Bearer fallback is offered. */
  readonly bearer: boolean;
  /** Configuration warnings of the entry point. */
  readonly warnings: readonly ConfigProblem[];
  readonly store: 'memory' | 'redis';
  readonly users: readonly string[];
  readonly password: string;
  /** The notes, for tests that check what a request really changed. */
  readonly notes: NoteBook;
  /** Closes both servers (open connections included), the entry point and the store. */
  stop(): Promise<void>;
}

function listen(server: Server, port: number, role: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const flag = role === 'app' ? '--app-port' : '--api-port';
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `the ${role} port ${port} on 127.0.0.1 is in use: stop what holds it, or pick another with ${flag}.`,
            )
          : error.code === 'EACCES'
            ? new Error(
                `no permission to listen on port ${port} (${role}): pick one above 1023 with ${flag}.`,
              )
            : error,
      );
    };
    server.once('error', onError);
    // Loopback only: the demo's cookies and tokens never leave this machine.
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

function createServerFor(
  topology: DemoTopology,
  certificates: DemoCertificates | undefined,
): Server {
  if (topology.scheme === 'http' || certificates === undefined) return createHttpServer();
  // The chain (leaf then CA): Chromium's SPKI allow-list matches certificates the server
  // presents, so `--open` can trust exactly the demo CA.
  return createHttpsServer({ cert: certificates.chainPem, key: certificates.keyPem });
}

/** The parent domain the subdomains topology shares its cookies with (`Domain=`). */
function sharedDomain(topology: DemoTopology): string | undefined {
  if (topology.name !== 'subdomains') return undefined;
  return topology.apiHost.split('.').slice(1).join('.');
}

/**
 * Starts the demo. Throws a `ConfigError` listing every problem of the options, or an
 * `Error` naming the fix when a port is taken or Redis cannot be reached.
 */
export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  const resolved = resolveDemoSettings(options);
  if (!resolved.ok) throw new ConfigError('corset demo', resolved.problems);
  const { settings } = resolved;
  const topology = findTopology(settings.topology) as DemoTopology;
  const mistake = settings.mistake === undefined ? undefined : findMistake(settings.mistake);

  const certificates =
    topology.scheme === 'https'
      ? await ensureDemoCertificates({
          names: [topology.appHost, topology.apiHost],
          ...(options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir }),
        })
      : undefined;

  const appServer = createServerFor(topology, certificates);
  const apiServer = createServerFor(topology, certificates);
  const cleanups: (() => Promise<void>)[] = [];
  try {
    const appPort = await listen(appServer, settings.appPort, 'app');
    cleanups.push(() => close(appServer));
    const apiPort = await listen(apiServer, settings.apiPort, 'API');
    cleanups.push(() => close(apiServer));
    const appOrigin = demoOrigin(topology, topology.appHost, appPort);
    const apiOrigin = demoOrigin(topology, topology.apiHost, apiPort);

    let store: RedisSessionStore | undefined;
    if (settings.redisUrl !== undefined) {
      store = createRedisSessionStore({ redis: settings.redisUrl });
      const opened = store;
      cleanups.push(() => opened.close());
      // Two seconds: a reachable Redis answers in milliseconds; a person waits for no more.
      await store.ready(2_000).catch((error: unknown) => {
        throw new Error(
          `cannot reach Redis at ${settings.redisUrl} (${error instanceof Error ? error.message : String(error)}): start redis-server, or leave out --redis for the in-memory store.`,
        );
      });
    }

    const share = sharedDomain(topology);
    // A fresh signing key per run: restarting the demo signs everyone out, as a demo should.
    const signing = await generateKeySpec('EdDSA', 'demo-1');
    const corset: Corset = await createCorset({
      appOrigins: [appOrigin],
      apiOrigin,
      cors: { methods: ['DELETE'], exposedHeaders: [AUTH_HEADER] },
      session: {
        keys: { keys: [signing], signingKid: 'demo-1' },
        ...(store === undefined ? {} : { store }),
        ...(share === undefined ? {} : { shareAcrossSubdomains: share }),
        // A hand-built server has no fallback: a mistake must show, not be rescued by Bearer.
        ...(mistake === undefined ? {} : { bearer: false }),
      },
    });
    cleanups.push(() => corset.close());

    const explanation = corset.explain();
    const layer =
      mistake === undefined
        ? undefined
        : createMistakeLayer(mistake.name, {
            apiHost: topology.apiHost,
            isProtected: isProtectedPath,
          });
    const notes = createNoteBook();
    const cookieNames =
      explanation.cookie === null || explanation.refreshCookie === null
        ? undefined
        : { session: explanation.cookie.name, refresh: explanation.refreshCookie.name };

    const api: RequestListener = createApiListener({
      corset,
      topology: topology.name,
      mistake: mistake?.name,
      layer,
      cookieNames,
      notes,
      ...(options.onRequest === undefined ? {} : { onRequest: options.onRequest }),
    });
    const app: RequestListener = createAppListener({
      corset,
      layer,
      assets: options.assets ?? defaultAssets(),
      page: {
        appOrigin,
        apiOrigin,
        topology: topology.name,
        topologyLabel: topology.label,
        mistake:
          mistake === undefined
            ? null
            : { name: mistake.name, summary: mistake.summary, symptom: mistake.symptom },
        users: DEMO_USERS.map((u) => u.id),
        password: DEMO_PASSWORD,
      },
    });
    apiServer.on('request', api);
    appServer.on('request', app);

    let stopped: Promise<void> | undefined;
    return {
      appUrl: `${appOrigin}/`,
      apiUrl: apiOrigin,
      settings,
      appPort,
      apiPort,
      hostNames: namesToMap(topology),
      certificates,
      mistake,
      explanation,
      bearer: corset.bearer,
      warnings: corset.warnings,
      store: store === undefined ? 'memory' : 'redis',
      users: DEMO_USERS.map((u) => u.id),
      password: DEMO_PASSWORD,
      notes,
      stop() {
        stopped ??= runCleanups(cleanups);
        return stopped;
      },
    };
  } catch (error) {
    await runCleanups(cleanups);
    throw error;
  }
}

/** Runs cleanups last-in first-out; every one runs even when another fails. */
async function runCleanups(cleanups: readonly (() => Promise<void>)[]): Promise<void> {
  const failures: unknown[] = [];
  for (const cleanup of [...cleanups].reverse()) {
    try {
      await cleanup();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw new AggregateError(failures, 'corset demo: stopping failed');
}
