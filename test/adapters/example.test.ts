import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALLOWED, corsHeaderNames, preflight, send } from './harness.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Starts the example as `npm run example:minimal` would (tsx), on a free port. */
async function startExample(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'examples/minimal-server.ts', '--port', '0'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      output += chunk;
      const found = /^http:\/\/127\.0\.0\.1:\d+$/m.exec(output);
      if (found) resolve(found[0]);
    });
    child.stderr?.on('data', (chunk: string) => {
      output += chunk;
    });
    child.once('exit', (code) => reject(new Error(`example exited (${code}): ${output}`)));
  });
  return { child, url };
}

describe('examples/minimal-server.ts', () => {
  let example: { child: ChildProcess; url: string };
  beforeAll(async () => {
    example = await startExample();
  });
  afterAll(async () => {
    const exited = once(example.child, 'exit');
    example.child.kill();
    await exited;
  });

  it('answers an allowed preflight with the configured headers', async () => {
    const answer = await preflight(
      `${example.url}/me`,
      ALLOWED,
      'GET',
      'authorization, content-type',
    );
    expect(answer.status).toBe(204);
    expect(answer.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(answer.headers['access-control-allow-credentials']).toBe('true');
    expect(answer.headers['access-control-allow-headers']).toBe('content-type, authorization');
  });

  it('allows subdomains but not the apex', async () => {
    const sub = await preflight(
      `${example.url}/me`,
      'https://shop.eu.example.com',
      'GET',
      'authorization',
    );
    expect(sub.status).toBe(204);
    expect(sub.headers['access-control-allow-origin']).toBe('https://shop.eu.example.com');
    const apex = await preflight(
      `${example.url}/me`,
      'https://example.com',
      'GET',
      'authorization',
    );
    expect(apex.status).toBe(403);
    expect(corsHeaderNames(apex)).toEqual([]);
  });

  it('answers GET /me with {"ok":true} and a readable x-request-id', async () => {
    const answer = await send(`${example.url}/me`, 'GET', { origin: ALLOWED, cookie: 'session=x' });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ ok: true });
    expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.headers['access-control-allow-origin']).toBe(ALLOWED);
    expect(answer.headers['access-control-allow-credentials']).toBe('true');
    expect(answer.headers['access-control-expose-headers']).toBe('x-request-id');
  });

  it('answers 404 elsewhere, still with the CORS headers', async () => {
    const answer = await send(`${example.url}/elsewhere`, 'GET', { origin: ALLOWED });
    expect(answer.status).toBe(404);
    expect(answer.headers['access-control-allow-origin']).toBe(ALLOWED);
  });
});
