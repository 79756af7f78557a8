/**
 * Conformance of the browser model (src/browser) against real Chromium, Firefox ESR and
 * WebKitGTK: every scenario of the matrix runs in each engine configuration (one launch
 * each, one page per topology) and in the matching model profile; any disagreement fails
 * unless `conformance/known-differences.ts` documents it. Results go to
 * `test-artifacts/conformance.json`; `UPDATE_CONFORMANCE_DOC=1` regenerates
 * `docs/conformance.md` from them.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoCertificates } from '../../src/demo/certs.js';
import type { ScenarioServers } from './conformance/browser-run.js';
import { runInBrowser, startScenarioServers } from './conformance/browser-run.js';
import type { Comparison } from './conformance/compare.js';
import { compare, staleDifferences } from './conformance/compare.js';
import { KNOWN_DIFFERENCES } from './conformance/known-differences.js';
import { modelObservation } from './conformance/model-run.js';
import { showField } from './conformance/observation.js';
import type { RunResult } from './conformance/report.js';
import { renderConformanceDoc } from './conformance/report.js';
import { RUNS } from './conformance/runs.js';
import { SCENARIOS } from './conformance/scenarios.js';
import { CERTIFICATE_NAMES, MAPPED_HOSTS } from './conformance/topologies.js';
import { launchEngine } from './harness/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const ARTIFACTS = join(ROOT, 'test-artifacts');

let servers: ScenarioServers | undefined;
let caCertPath = '';
const results: RunResult[] = [];
const started = Date.now();

beforeAll(async () => {
  const certs = await ensureDemoCertificates({
    names: CERTIFICATE_NAMES,
    cacheDir: process.env.CORSET_CACHE_DIR ?? join(ROOT, '.corset-cache'),
  });
  caCertPath = certs.caCertPath;
  servers = await startScenarioServers(SCENARIOS, {
    certPem: certs.certPem,
    keyPem: certs.keyPem,
    caCertPem: certs.caCertPem,
  });
});

afterAll(async () => {
  await servers?.close();
  const totalMs = Date.now() - started;
  await mkdir(ARTIFACTS, { recursive: true });
  await writeFile(
    join(ARTIFACTS, 'conformance.json'),
    JSON.stringify({ totalMs, scenarios: SCENARIOS, runs: results }, null, 2),
  );
  if (process.env.UPDATE_CONFORMANCE_DOC === '1' && results.length === RUNS.length) {
    await writeFile(
      join(ROOT, 'docs', 'conformance.md'),
      renderConformanceDoc({ scenarios: SCENARIOS, runs: results, known: KNOWN_DIFFERENCES }),
    );
  }
});

function describeDisagreement(c: Comparison): string {
  const fields = c.fields.map(
    (f) => `${f}: browser ${showField(c.observed, f)}, model ${showField(c.predicted, f)}`,
  );
  return `${c.scenario}: ${fields.join('; ')}`;
}

describe('the matrix', () => {
  it('has at least 150 scenarios with unique ids', () => {
    const ids = SCENARIOS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(150);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9-]+$/);
  });

  it('lists known differences only for scenarios that exist', () => {
    const ids = new Set(SCENARIOS.map((s) => s.id));
    for (const k of KNOWN_DIFFERENCES) for (const s of k.scenarios) expect(ids, k.id).toContain(s);
  });
});

describe.each(RUNS)('$engine, $setting vs model $model.name', (run) => {
  it('agrees with the model outside the documented known differences', async () => {
    if (!servers) throw new Error('servers did not start');
    const { ports } = servers;
    const runStarted = Date.now();
    const engine = await launchEngine(run.engine, {
      hostMap: MAPPED_HOSTS,
      thirdPartyCookies: run.thirdPartyCookies,
      caCertPath,
      actionTimeoutMs: 60_000,
      launchTimeoutMs: 30_000,
    });
    let outcomes: Awaited<ReturnType<typeof runInBrowser>>;
    try {
      outcomes = await runInBrowser(engine, SCENARIOS, servers);
    } finally {
      await engine.close();
    }
    const now = Date.now();
    const comparisons = SCENARIOS.map((scenario, index) => {
      const outcome = outcomes.get(scenario.id);
      if (!outcome) throw new Error(`${scenario.id} has no outcome`);
      const predicted = modelObservation(scenario, index, ports, run.model, now);
      return compare(run.name, scenario.id, outcome.observation, predicted, KNOWN_DIFFERENCES);
    });
    const errors = [...outcomes.values()].flatMap((o) => (o.error ? [o.error] : []));
    results.push({
      run: run.name,
      engine: run.engine,
      version: engine.version,
      setting: run.setting,
      model: run.model.name,
      launchMs: engine.launchMs,
      runMs: Date.now() - runStarted,
      comparisons,
    });

    // A failed fetch is a TypeError in every engine (Fetch §4.1 "network error").
    expect([...new Set(errors)]).toEqual(errors.length > 0 ? ['TypeError'] : []);
    const unexplained = comparisons
      .filter((c) => c.fields.length > 0 && c.knownDifference === undefined)
      .map(describeDisagreement);
    expect(unexplained).toEqual([]);
    expect(staleDifferences(run.name, comparisons, KNOWN_DIFFERENCES)).toEqual([]);
  });
});
