/**
 * `corset demo` as a command: options, `--list-mistakes`, `--json`, and a clean stop on
 * SIGINT/SIGTERM in a real child process.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { demoCommand, runDemo } from '../../src/cli/commands/demo.js';
import { UsageError } from '../../src/cli/usage-error.js';
import type { DemoStartInfo } from '../../src/demo/banner.js';
import { MISTAKES } from '../../src/demo/mistakes.js';
import { send } from './http.js';

const ROOT = join(import.meta.dirname, '..', '..');

function io(stop: Promise<string> = new Promise(() => {})) {
  const out: string[] = [];
  let started: () => void = () => {};
  const startedPromise = new Promise<void>((resolve) => {
    started = resolve;
  });
  return {
    out,
    started: startedPromise,
    io: {
      stdout: (text: string) => out.push(text),
      waitForStop: () => stop,
      onStarted: () => started(),
    },
  };
}

describe('corset demo options', () => {
  it('is a CLI command named demo', () => {
    expect(demoCommand.name).toBe('demo');
    expect(demoCommand.summary.length).toBeGreaterThan(10);
  });

  it('--list-mistakes prints one line per mistake', async () => {
    const { out, io: sink } = io();
    expect(await runDemo(['--list-mistakes'], sink)).toBe(0);
    const lines = out.join('').trimEnd().split('\n');
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(MISTAKES.map((m) => m.name));
  });

  it('--help names every topology and option', async () => {
    const { out, io: sink } = io();
    expect(await runDemo(['--help'], sink)).toBe(0);
    for (const word of [
      'ports',
      'subdomains',
      'cross-site',
      '--redis',
      '--open',
      '--misconfigure',
      '--json',
    ]) {
      expect(out.join('')).toContain(word);
    }
  });

  it('reports every bad option at once, as a usage error', async () => {
    const error = await runDemo(
      ['--topology', 'moon', '--app-port', '99999', '--misconfigure', 'typo'],
      io().io,
    ).catch((e) => e);
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as Error).message;
    for (const code of ['demo/unknown-topology', 'demo/invalid-port', 'demo/unknown-mistake']) {
      expect(message).toContain(code);
    }
    await expect(runDemo(['--colour'], io().io)).rejects.toBeInstanceOf(UsageError);
    await expect(runDemo(['extra'], io().io)).rejects.toBeInstanceOf(UsageError);
  });

  it('--json prints the start facts, then one JSON line per API request, and stops', async () => {
    let stop: (signal: string) => void = () => {};
    const stopped = new Promise<string>((resolve) => {
      stop = resolve;
    });
    const { out, io: sink, started } = io(stopped);
    const running = runDemo(
      ['--json', '--app-port', '0', '--api-port', '0', '--misconfigure', 'no-vary'],
      sink,
    );
    await started;
    const info = JSON.parse(out[0] ?? '') as DemoStartInfo;
    expect(info).toMatchObject({
      topology: 'ports',
      mistake: 'no-vary',
      store: 'memory',
      caCertPath: null,
    });
    expect(info.session).toMatchObject({
      relation: 'same-site',
      transport: 'cookie',
      bearer: false,
    });
    expect(info.session.cookie).toMatch(/^session=…; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(info.users).toEqual(['alice', 'bob']);
    await send(`${info.apiUrl}/health`);
    expect(JSON.parse(out[1] ?? '').request).toMatchObject({
      method: 'GET',
      path: '/health',
      status: 200,
    });
    stop('SIGTERM');
    expect(await running).toBe(0);
    await expect(send(`${info.apiUrl}/health`)).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('corset demo as a process', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('stops cleanly on %s', async (signal) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        "import { demoCommand } from './src/cli/commands/demo.ts'; process.exitCode = await demoCommand.run(process.argv.slice(1));",
        '--',
        '--app-port',
        '0',
        '--api-port',
        '0',
      ],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
    );
    const lines = createInterface({ input: child.stdout });
    let apiUrl: string | undefined;
    for await (const line of lines) {
      apiUrl ??= /API\s+(\S+)/.exec(line)?.[1];
      if (line.includes('Ctrl-C stops the demo')) break;
    }
    expect(apiUrl).toMatch(/^http:\/\/localhost:\d+$/);
    expect((await send(`${apiUrl}/health`)).status).toBe(200);
    child.kill(signal);
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    await expect(send(`${apiUrl}/health`)).rejects.toThrow(/ECONNREFUSED/);
  });
});
