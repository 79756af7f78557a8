import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAssets, distAssets, isServedModule, sourceAssets } from '../../src/demo/assets.js';

const execFileAsync = promisify(execFile);
let dist: string;
beforeAll(async () => {
  dist = await mkdtemp(join(tmpdir(), 'corset-assets-'));
  await mkdir(join(dist, 'client'));
  await writeFile(join(dist, 'client', 'index.js'), 'export const built = true;\n');
  await writeFile(join(dist, 'index.js'), 'export const server = true;\n');
});
afterAll(async () => {
  await rm(dist, { recursive: true, force: true });
});

describe('served modules', () => {
  it('serves only browser folders, without traversal or odd characters', () => {
    expect(isServedModule('client/index.js')).toBe(true);
    expect(isServedModule('demo/page/app.js')).toBe(true);
    for (const path of [
      'index.js',
      'demo/start.js',
      'client/../index.js',
      'client/%2e%2e/index.js',
      'client/index.ts',
      'client//index.js',
      '/client/index.js',
      'client/Index.js',
    ]) {
      expect(isServedModule(path), path).toBe(false);
    }
  });

  it('reads compiled files from dist', async () => {
    const assets = distAssets(dist);
    expect((await assets('client/index.js'))?.body).toContain('built = true');
    expect(await assets('index.js')).toBeUndefined();
    expect(await assets('client/missing.js')).toBeUndefined();
  });

  it('transpiles the TypeScript sources when running from source', async () => {
    const srcDir = join(import.meta.dirname, '..', '..', 'src');
    const assets = sourceAssets(srcDir);
    const client = await assets('client/index.js');
    expect(client?.contentType).toMatch(/^text\/javascript/);
    expect(client?.body).toContain("from './client.js'");
    expect(client?.body).not.toMatch(/\btype AxiosInterceptors\b/);
    const page = await assets('demo/page/app.js');
    expect(page?.body).toContain("from '../../client/index.js'");
    expect(page?.body).not.toContain('page-html');
    // Every served module is valid JavaScript once transpiled (a `.js` file name would
    // make the compiler read TypeScript as JavaScript and emit garbage).
    for (const folder of ['client', 'demo/page']) {
      const files = (await readdir(join(srcDir, folder))).filter((f) => f.endsWith('.ts'));
      for (const file of files) {
        const module = await assets(`${folder}/${file.replace(/\.ts$/, '.js')}`);
        const out = join(dist, `check-${file}.mjs`);
        await writeFile(out, module?.body ?? '');
        await expect(
          execFileAsync(process.execPath, ['--check', out]),
          file,
        ).resolves.toBeDefined();
      }
    }
    // Running under vitest, this module is a .ts file: the default is the source.
    expect((await defaultAssets()('client/protocol.js'))?.body).toContain('corset-transport');
  });
});
