/**
 * The app page's HTML and CSS. No framework and no inline script: the page's behaviour
 * is `page/app.ts`, loaded as a module, and its configuration travels as inert JSON, so
 * the page can run under a Content-Security-Policy without `'unsafe-inline'`.
 */

/** The configuration the page script reads (see `page/app.ts`). */
export interface PageConfig {
  readonly appOrigin: string;
  readonly apiOrigin: string;
  readonly topology: string;
  /** What the topology is, e.g. `sibling subdomains`. */
  readonly topologyLabel: string;
  readonly mistake: {
    readonly name: string;
    readonly summary: string;
    readonly symptom: string;
  } | null;
  readonly users: readonly string[];
  readonly password: string;
}

/** Path of the page script under the app origin. */
export const PAGE_SCRIPT_PATH = '/assets/demo/page/app.js';
/** Path of the stylesheet under the app origin. */
export const STYLESHEET_PATH = '/style.css';

/**
 * JSON that is safe inside `<script type="application/json">`: `<` escaped, so no value
 * can close the element (HTML §4.12.1.3 restrictions for contents of script elements).
 */
function inertJson(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c');
}

/** The page for `config`. */
export function renderPage(config: PageConfig): string {
  return `<!doctype html>
<html lang="en" data-pending="0" data-signed-in="false">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>corset demo</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
<script type="module" src="${PAGE_SCRIPT_PATH}"></script>
</head>
<body>
<header>
  <h1>corset demo</h1>
  <p id="topology"></p>
  <p id="mistake" class="warning" hidden></p>
</header>
<main>
  <section class="card">
    <p>Session transport: <strong id="transport">cookie</strong></p>
    <p id="transport-note" class="note" hidden></p>
    <p id="message" role="status" aria-live="polite"></p>
  </section>
  <section id="signed-out" class="card">
    <h2>Sign in</h2>
    <form id="login-form">
      <label>User <input id="username" name="username" autocomplete="username" required></label>
      <label>Password <input id="password" name="password" type="password" autocomplete="current-password" required></label>
      <button type="submit">Sign in</button>
    </form>
    <p class="hint">Demo users: ${config.users.join(', ')}; password <code>${config.password}</code>.</p>
  </section>
  <section id="signed-in" class="card" hidden>
    <h2>Signed in as <span id="whoami"></span></h2>
    <p>The app server (same origin as this page) sees: <span id="app-server"></span></p>
    <div class="actions">
      <button id="refresh" type="button">Refresh session</button>
      <button id="logout" type="button">Sign out</button>
    </div>
    <h2>Notes</h2>
    <form id="note-form">
      <input id="note-text" name="text" maxlength="500" placeholder="A note" required>
      <button type="submit">Add</button>
    </form>
    <ul id="notes"></ul>
    <button id="xhr-load" type="button">Reload notes with XMLHttpRequest</button>
  </section>
  <section class="card">
    <h2>API requests</h2>
    <ol id="requests" reversed></ol>
  </section>
</main>
<script type="application/json" id="demo-config">${inertJson(config)}</script>
</body>
</html>
`;
}

/** The stylesheet: readable, no framework. */
export const STYLESHEET = `:root { color-scheme: light; font: 16px/1.5 system-ui, sans-serif; }
body { margin: 0; background: #f4f5f7; color: #1d2330; }
header { background: #1d2330; color: #fff; padding: 1rem 2rem; }
header h1 { margin: 0; font-size: 1.5rem; }
header p { margin: .25rem 0 0; color: #c9d1e0; }
main { max-width: 46rem; margin: 1.5rem auto; padding: 0 1rem; }
.card { background: #fff; border-radius: .5rem; padding: 1rem 1.5rem; margin-bottom: 1rem; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
h2 { font-size: 1.1rem; margin: .25rem 0 .75rem; }
form { display: flex; gap: .5rem; flex-wrap: wrap; align-items: end; }
label { display: flex; flex-direction: column; font-size: .85rem; color: #4a5568; }
input { font: inherit; padding: .35rem .5rem; border: 1px solid #b8c0cc; border-radius: .3rem; }
#note-text { flex: 1; }
button { font: inherit; padding: .35rem .9rem; border: 0; border-radius: .3rem; background: #2f5bd3; color: #fff; cursor: pointer; }
button.link { background: none; color: #b42318; padding: 0 .5rem; }
.actions { display: flex; gap: .5rem; margin-bottom: 1rem; }
#notes { padding-left: 1.25rem; }
#notes li { margin: .25rem 0; }
#requests { font: .8rem/1.4 ui-monospace, monospace; max-height: 14rem; overflow: auto; }
#requests .failed { color: #b42318; }
#message[data-kind="error"] { color: #b42318; }
.warning { background: #fff4e5; color: #7a4100; padding: .5rem .75rem; border-radius: .3rem; }
.note { background: #eef4ff; padding: .5rem .75rem; border-radius: .3rem; }
.hint { color: #4a5568; font-size: .85rem; }
code { background: #eef0f3; padding: 0 .25rem; border-radius: .2rem; }
`;
