/**
 * Drives the demo's app page the way a person does (fills the forms, clicks the
 * buttons) and reads back what the page shows. The page mirrors its state in `data-*`
 * attributes of `<html>` (`src/demo/page/app.ts`): a step waits until the page is idle.
 */
import { join } from 'node:path';
import type { Page } from './harness/index.js';

/** What the page shows after a step. */
export interface PageState {
  readonly signedIn: boolean;
  /** `cookie` or `header` (the client's transport). */
  readonly transport: string;
  /** The page's "fell back to Bearer" note, or '' when hidden. */
  readonly transportNote: string;
  readonly message: string;
  readonly whoami: string;
  /** The app server's view of the session (`/session`): the user id, or ''. */
  readonly appServerUser: string;
  readonly notes: readonly { readonly id: string; readonly text: string }[];
  /** The request log, oldest first. */
  readonly requests: readonly {
    readonly method: string;
    readonly path: string;
    readonly via: string;
    readonly status: number;
    readonly auth: string | null;
    readonly error: string | null;
  }[];
}

/** A step on the page. */
export type PageStep =
  | { readonly step: 'state' }
  | { readonly step: 'login'; readonly username: string; readonly password: string }
  | { readonly step: 'add-note'; readonly text: string }
  | { readonly step: 'delete-note'; readonly id: string }
  | { readonly step: 'xhr-notes' }
  | { readonly step: 'refresh' }
  | { readonly step: 'logout' };

// Runs in the page: no closure over test code, only its argument.
const STEP_SCRIPT = `async (arg) => {
  const root = document.documentElement;
  const $ = (id) => document.getElementById(id);
  const idle = async () => {
    for (let i = 0; i < 600; i++) {
      if (root.dataset.ready === 'true' && root.dataset.pending === '0') return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('demo page still busy after 15 s: ' + $('message').textContent);
  };
  await idle();
  switch (arg.step) {
    case 'login':
      $('username').value = arg.username;
      $('password').value = arg.password;
      $('login-form').requestSubmit();
      break;
    case 'add-note':
      $('note-text').value = arg.text;
      $('note-form').requestSubmit();
      break;
    case 'delete-note': {
      const item = [...$('notes').children].find((li) => li.dataset.id === arg.id);
      if (!item) throw new Error('no note ' + arg.id + ' on the page');
      item.querySelector('button').click();
      break;
    }
    case 'xhr-notes': $('xhr-load').click(); break;
    case 'refresh': $('refresh').click(); break;
    case 'logout': $('logout').click(); break;
  }
  await idle();
  const note = $('transport-note');
  return {
    signedIn: root.dataset.signedIn === 'true',
    transport: root.dataset.transport || '',
    transportNote: note.hidden ? '' : note.textContent,
    message: $('message').textContent,
    whoami: $('whoami').textContent,
    appServerUser: $('app-server').dataset.user || '',
    notes: [...$('notes').children].map((li) => ({ id: li.dataset.id, text: li.querySelector('span').textContent })),
    requests: [...$('requests').children].reverse().map((li) => ({
      method: li.dataset.method,
      path: li.dataset.path,
      via: li.dataset.via,
      status: Number(li.dataset.status),
      auth: li.dataset.auth ?? null,
      error: li.dataset.error ?? null,
    })),
  };
}`;

/** Runs one step on the demo page and returns what the page shows afterwards. */
export function pageStep(page: Page, step: PageStep): Promise<PageState> {
  return page.evaluate<PageState>(STEP_SCRIPT, step);
}

/** Where screenshots and observed tables go (gitignored). */
export const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');

/** corset's cache folder for the demo CA (shared with the other browser tests). */
export const CACHE_DIR =
  process.env.CORSET_CACHE_DIR ?? join(import.meta.dirname, '..', '..', '.corset-cache');

/**
 * Every name the demo tests use, mapped to 127.0.0.1 in each engine: the demo's, and two
 * attacker origins (a sibling subdomain of the app, and another site).
 */
export const DEMO_HOSTS = [
  'app.example.com',
  'api.example.com',
  'api.example.net',
  'evil.example.com',
  'evil.example.org',
];

/** A credentialed fetch from the page: the status, or the error's type when unreadable. */
export const FETCH_SCRIPT = `async ({ url, method }) => {
  try {
    const response = await fetch(url, { method: method || 'GET', credentials: 'include' });
    return { status: response.status };
  } catch (error) {
    return { error: error.constructor.name };
  }
}`;

/** What {@link FETCH_SCRIPT} resolves to. */
export type FetchOutcome = { readonly status: number } | { readonly error: string };
