/**
 * Builds the web checker into `dist/web/index.html`: ONE file with its script and style
 * inlined, so it works opened from disk (Chromium refuses module scripts from `file://`
 * as cross-origin) and from `corset check --serve` alike, and a strict CSP whose script and
 * style hashes are computed here: nothing but the page's own code runs, and no request
 * can leave the page (`connect-src 'none'`, `default-src 'none'`).
 */
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The CSP of the page; meta-delivered, so no frame-ancestors (the server adds it). */
function policy(scriptHashes: readonly string[], styleHashes: readonly string[]): string {
  return [
    "default-src 'none'",
    `script-src ${scriptHashes.join(' ')}`,
    `style-src ${styleHashes.join(' ')}`,
    'img-src data:',
    "connect-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
    "object-src 'none'",
    "require-trusted-types-for 'script'",
  ].join('; ');
}

/**
 * Replaces the HTML's references to the emitted script and stylesheet with their
 * contents, drops those files from the output, and adds the CSP meta tag.
 */
function inlineAndLock(): Plugin {
  return {
    name: 'corset-inline-and-lock',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const page = bundle['index.html'];
      if (page === undefined || page.type !== 'asset')
        throw new Error('web checker build: no index.html in the bundle');
      let html = String(page.source);
      const scripts: string[] = [];
      const styles: string[] = [];
      html = html.replace(
        /<script type="module" crossorigin src="\.\/([^"]+)"><\/script>/g,
        (_tag, file: string) => {
          const chunk = bundle[file];
          if (chunk === undefined || chunk.type !== 'chunk')
            throw new Error(`web checker build: script ${file} not in the bundle`);
          delete bundle[file];
          // `</script` inside the code would end the element early; `<\/` means the same in JS.
          const code = chunk.code.replaceAll('</script', '<\\/script');
          scripts.push(sha256(code));
          return `<script type="module">${code}</script>`;
        },
      );
      html = html.replace(
        /<link rel="stylesheet" crossorigin href="\.\/([^"]+)">/g,
        (_tag, file: string) => {
          const asset = bundle[file];
          if (asset === undefined || asset.type !== 'asset')
            throw new Error(`web checker build: stylesheet ${file} not in the bundle`);
          delete bundle[file];
          const css = String(asset.source).replaceAll('</style', '<\\/style');
          styles.push(sha256(css));
          return `<style>${css}</style>`;
        },
      );
      const leftover = Object.keys(bundle).filter((name) => name !== 'index.html');
      if (scripts.length === 0 || leftover.length > 0)
        throw new Error(
          `web checker build: expected one inlined script and no other file, left: ${leftover.join(', ')}`,
        );
      const meta = `<meta http-equiv="Content-Security-Policy" content="${policy(scripts, styles)}" />`;
      page.source = html.replace(/(<meta charset="utf-8" \/>)/, `$1\n    ${meta}`);
      if (page.source === html) throw new Error('web checker build: no <meta charset> to follow');
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    modulePreload: false,
    cssCodeSplit: false,
    assetsInlineLimit: Number.MAX_SAFE_INTEGER,
    target: 'es2022',
    reportCompressedSize: false,
  },
  plugins: [inlineAndLock()],
});
