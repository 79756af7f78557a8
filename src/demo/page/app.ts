/**
 * The demo app page's script: sign in, who am I, notes, refresh, sign out, all through
 * `corset/client`, with a log of every API request and what carried its session.
 *
 * Runs in browsers as an ES module (served by the demo's app server under `/assets/`):
 * no Node API, relative `.js` imports only. The page's state is mirrored in `data-*`
 * attributes of `<html>` (`data-pending`, `data-signed-in`, `data-transport`) so a person
 * can inspect it and the real-browser tests can wait on it.
 */
import {
  type CorsetClient,
  type CorsetClientEvent,
  createCorsetClient,
  readProtocolError,
  sendXhr,
} from '../../client/index.js';
import type { PageConfig } from '../page-html.js';

interface Note {
  readonly id: string;
  readonly text: string;
  readonly createdAt: string;
}

/** Response header where the demo API says what carried the session (`x-corset-auth`). */
const AUTH_HEADER = 'x-corset-auth';

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`demo page: #${id} is missing`);
  return found as T;
}

function readConfig(): PageConfig {
  return JSON.parse(element('demo-config').textContent ?? '{}') as PageConfig;
}

const root = document.documentElement;
let pending = 0;

/** Runs `work` while the page shows it is busy (`data-pending` counts running tasks). */
async function busy<T>(work: () => Promise<T>): Promise<T> {
  pending += 1;
  root.dataset.pending = String(pending);
  try {
    return await work();
  } finally {
    pending -= 1;
    root.dataset.pending = String(pending);
  }
}

function describeError(error: unknown): string {
  if (error instanceof TypeError) {
    return `${error.name}: ${error.message}. The browser hid the answer: a CORS or network failure (see the console).`;
  }
  return error instanceof Error ? error.message : String(error);
}

function start(config: PageConfig): void {
  // Every request the client makes (login, refresh and logout included) goes through
  // this fetch, so the page can log what carried each one's session.
  const loggedFetch: typeof fetch = async (input, init) => {
    const method = init?.method ?? 'GET';
    const path = new URL(input instanceof Request ? input.url : String(input)).pathname;
    try {
      const response = await fetch(input, init);
      logRequest(method, path, 'fetch', {
        status: response.status,
        auth: response.headers.get(AUTH_HEADER),
      });
      return response;
    } catch (error) {
      logRequest(method, path, 'fetch', { error: error instanceof Error ? error.name : 'Error' });
      throw error;
    }
  };
  const client: CorsetClient = createCorsetClient({
    apiOrigin: config.apiOrigin,
    fetch: loggedFetch,
  });

  const view = {
    topology: element('topology'),
    mistake: element('mistake'),
    transport: element('transport'),
    transportNote: element('transport-note'),
    signedOut: element('signed-out'),
    signedIn: element('signed-in'),
    loginForm: element<HTMLFormElement>('login-form'),
    username: element<HTMLInputElement>('username'),
    password: element<HTMLInputElement>('password'),
    message: element('message'),
    whoami: element('whoami'),
    appServer: element('app-server'),
    noteForm: element<HTMLFormElement>('note-form'),
    noteText: element<HTMLInputElement>('note-text'),
    notes: element<HTMLUListElement>('notes'),
    xhrLoad: element<HTMLButtonElement>('xhr-load'),
    refresh: element<HTMLButtonElement>('refresh'),
    logout: element<HTMLButtonElement>('logout'),
    requests: element<HTMLOListElement>('requests'),
  };

  view.topology.textContent = `${config.topology} (${config.topologyLabel}): app ${config.appOrigin} → API ${config.apiOrigin}`;
  if (config.mistake !== null) {
    view.mistake.hidden = false;
    view.mistake.textContent = `Misconfigured on purpose (${config.mistake.name}): ${config.mistake.summary}. Expect: ${config.mistake.symptom}`;
  }
  view.username.value = config.users[0] ?? '';
  view.password.value = config.password;

  const say = (text: string, kind: 'info' | 'error' = 'info'): void => {
    view.message.textContent = text;
    view.message.dataset.kind = kind;
  };

  const showTransport = (): void => {
    root.dataset.transport = client.transport;
    view.transport.textContent =
      client.transport === 'cookie' ? 'cookie (HttpOnly session cookie)' : 'Bearer header';
  };

  const showSignedIn = (signedIn: boolean): void => {
    root.dataset.signedIn = String(signedIn);
    view.signedOut.hidden = signedIn;
    view.signedIn.hidden = !signedIn;
    if (!signedIn) {
      view.whoami.textContent = '';
      view.appServer.textContent = '';
      view.appServer.dataset.user = '';
      view.notes.replaceChildren();
    }
  };

  /** One line in the request log: method, path, status, and what carried the session. */
  const logRequest = (
    method: string,
    path: string,
    via: 'fetch' | 'xhr',
    outcome: { status: number; auth: string | null } | { error: string },
  ): void => {
    const item = document.createElement('li');
    item.dataset.method = method;
    item.dataset.path = path;
    item.dataset.via = via;
    if ('error' in outcome) {
      item.dataset.status = '0';
      item.dataset.error = outcome.error;
      item.textContent = `${method} ${path} (${via}): unreadable: ${outcome.error}`;
      item.className = 'failed';
    } else {
      item.dataset.status = String(outcome.status);
      item.dataset.auth = outcome.auth ?? 'none';
      item.textContent = `${method} ${path} (${via}): ${outcome.status}, session via ${outcome.auth ?? 'none'}`;
      if (outcome.status >= 400) item.className = 'failed';
    }
    view.requests.prepend(item);
  };

  /** A request to the API through the client (credentials, Bearer, refresh-and-retry). */
  const api = (path: string, init: RequestInit = {}): Promise<Response> => client.fetch(path, init);

  const failure = async (response: Response): Promise<string> => {
    const body: unknown = await response.json().catch(() => undefined);
    const error = readProtocolError(body);
    return error === undefined
      ? `${response.status} ${response.statusText}`
      : `${response.status} ${error.code}: ${error.message} ${error.fix}`;
  };

  const renderNotes = (notes: readonly Note[]): void => {
    view.notes.replaceChildren(
      ...notes.map((note) => {
        const item = document.createElement('li');
        item.dataset.id = note.id;
        const text = document.createElement('span');
        text.textContent = note.text;
        const remove = document.createElement('button');
        remove.type = 'button';
        remove.className = 'link';
        remove.textContent = 'delete';
        remove.addEventListener('click', () => void deleteNote(note.id));
        item.append(text, remove);
        return item;
      }),
    );
  };

  const loadMe = async (): Promise<boolean> => {
    const response = await api('/me');
    if (!response.ok) {
      say(`GET /me: ${await failure(response)}`, 'error');
      return false;
    }
    const me = (await response.json()) as { user: { id: string; name: string } };
    view.whoami.textContent = `${me.user.name} (${me.user.id})`;
    return true;
  };

  // The app server's own view of the session (same origin, so no CORS): it sees the
  // cookie only when the cookie's Domain covers the app's host too.
  const loadAppServerView = async (): Promise<void> => {
    try {
      const response = await fetch('/session', { credentials: 'same-origin' });
      const seen = (await response.json()) as { user: string | null; reason: string };
      view.appServer.textContent =
        seen.user === null ? `no session (${seen.reason})` : `${seen.user} (${seen.reason})`;
      view.appServer.dataset.user = seen.user ?? '';
    } catch (error) {
      view.appServer.textContent = describeError(error);
    }
  };

  const loadNotes = async (): Promise<void> => {
    const response = await api('/notes');
    if (!response.ok) {
      say(`GET /notes: ${await failure(response)}`, 'error');
      return;
    }
    renderNotes(((await response.json()) as { notes: Note[] }).notes);
  };

  const loadNotesWithXhr = async (): Promise<void> => {
    try {
      const xhr = await sendXhr(client, 'GET', '/notes');
      logRequest('GET', '/notes', 'xhr', {
        status: xhr.status,
        auth: xhr.getResponseHeader(AUTH_HEADER),
      });
      if (xhr.status !== 200) {
        say(`XHR GET /notes: ${xhr.status}`, 'error');
        return;
      }
      renderNotes((JSON.parse(xhr.responseText) as { notes: Note[] }).notes);
      say('Notes reloaded with XMLHttpRequest (withCredentials = true).');
    } catch (error) {
      logRequest('GET', '/notes', 'xhr', { error: error instanceof Error ? error.name : 'Error' });
      say(describeError(error), 'error');
    }
  };

  const addNote = async (text: string): Promise<void> => {
    try {
      const response = await api('/notes', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text }),
      });
      if (!response.ok) {
        say(`POST /notes: ${await failure(response)}`, 'error');
        return;
      }
      view.noteText.value = '';
      say('Note added.');
      await loadNotes();
    } catch (error) {
      say(`POST /notes: ${describeError(error)}`, 'error');
    }
  };

  const deleteNote = (id: string): Promise<void> =>
    busy(async () => {
      try {
        const response = await api(`/notes/${encodeURIComponent(id)}`, { method: 'DELETE' });
        if (!response.ok) {
          say(`DELETE /notes: ${await failure(response)}`, 'error');
          return;
        }
        say('Note deleted.');
        await loadNotes();
      } catch (error) {
        say(`DELETE /notes: ${describeError(error)}`, 'error');
      }
    });

  const enterSession = async (): Promise<void> => {
    if (!(await loadMe())) return;
    showSignedIn(true);
    await Promise.all([loadNotes(), loadAppServerView()]);
  };

  client.subscribe((event: CorsetClientEvent) => {
    showTransport();
    if (event.type === 'transport') {
      view.transportNote.hidden = false;
      view.transportNote.textContent =
        'The browser refused the session cookie (third-party cookies blocked): corset fell back to the Bearer header. The tokens live in this tab’s memory only; reloading the page signs you out.';
    }
    if (event.type === 'session-ended') {
      showSignedIn(false);
      say(`Session ended: ${event.error.code}. ${event.error.message}`, 'error');
    }
  });

  view.loginForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(async () => {
      say('Signing in…');
      const result = await client.login({
        username: view.username.value,
        password: view.password.value,
      });
      if (!result.ok) {
        say(
          `Sign-in failed: ${result.error.code}. ${result.error.message} ${result.error.fix}`,
          'error',
        );
        return;
      }
      say(`Signed in with the ${result.transport} transport.`);
      await enterSession();
    });
  });

  view.noteForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(() => addNote(view.noteText.value));
  });

  view.xhrLoad.addEventListener('click', () => void busy(loadNotesWithXhr));

  view.refresh.addEventListener('click', () => {
    void busy(async () => {
      const result = await client.refresh();
      if (!result.ok) {
        say(`Refresh failed: ${result.error.code}. ${result.error.message}`, 'error');
        return;
      }
      say('Session refreshed: new access token, rotated refresh token.');
      await loadMe();
    });
  });

  view.logout.addEventListener('click', () => {
    void busy(async () => {
      await client.logout();
      showSignedIn(false);
      say('Signed out.');
    });
  });

  showTransport();
  showSignedIn(false);
  // A session cookie may survive a reload (the Bearer tokens never do): look for it.
  void busy(async () => {
    try {
      const response = await api('/me');
      if (response.ok) await enterSession();
    } catch (error) {
      say(`GET /me: ${describeError(error)}`, 'error');
    }
    root.dataset.ready = 'true';
  });
}

start(readConfig());
