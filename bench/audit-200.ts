/**
 * How long `corset audit` takes for 200 URLs at concurrency 32 against a local server.
 *
 * Run: `tsx bench/audit-200.ts [--urls 200] [--concurrency 32] [--runs 3]`.
 * The API (Node http + corset's `withCors`, 127.0.0.1, an ephemeral port) runs in a child
 * process of its own, so the audit and the server do not share one event loop. The audit
 * runs through the command itself (`runAudit`, as `corset audit --json` does, output
 * discarded). Prints the wall time of each run, the requests sent, and the load average
 * (the machine may be shared; a loaded one inflates every number).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { withCors } from '../src/adapters/node.js';
import { runAudit } from '../src/cli/commands/audit.js';

const { values } = parseArgs({
  options: {
    serve: { type: 'boolean' },
    urls: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '32' },
    runs: { type: 'string', default: '3' },
  },
});

if (values.serve) {
  const server = createServer(
    withCors(
      { origins: ['https://app.example.com'], credentials: true, methods: ['PUT', 'DELETE'] },
      (_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end('{"items":[1,2,3]}');
      },
    ),
  );
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
} else {
  const count = Number(values.urls);
  const runs = Number(values.runs);
  const child: ChildProcess = spawn(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), '--serve'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve) =>
    child.stdout?.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))),
  );
  const urls = Array.from({ length: count }, (_, i) => `http://127.0.0.1:${port}/items/${i + 1}`);
  const argv = [
    '--json',
    '--trusted-origin',
    'https://app.example.com',
    '--concurrency',
    String(values.concurrency),
    ...urls,
  ];
  const loadAtStart = loadavg();
  const times: number[] = [];
  let requests = 0;
  let findings = -1;
  for (let run = 0; run < runs; run++) {
    let out = '';
    const started = performance.now();
    await runAudit(argv, {
      stdout: (text) => {
        out += text;
      },
      progress: { write: () => true },
      readFile: () => '',
      readStdin: async () => '',
      color: false,
    });
    times.push(performance.now() - started);
    const report = JSON.parse(out) as {
      summary: { findings: number };
      targets: { probes?: number }[];
    };
    requests = report.targets.reduce((n, t) => n + (t.probes ?? 0), 0);
    findings = report.summary.findings;
  }
  child.kill('SIGTERM');
  const best = Math.min(...times);
  process.stdout.write(
    `corset audit: ${count} URLs, concurrency ${values.concurrency}, ${requests} requests per run, ${findings} findings\n` +
      `runs (ms): ${times.map((t) => t.toFixed(0)).join(', ')}; best ${best.toFixed(0)} ms ` +
      `(${((requests / best) * 1000).toFixed(0)} requests/s)\n` +
      `load average before: ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}, after: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}\n`,
  );
}
