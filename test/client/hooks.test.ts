import { describe, expect, it } from 'vitest';
import {
  type AxiosLikeConfig,
  axiosInterceptors,
  createCorsetClient,
  prepareXhr,
  sendXhr,
} from '../../src/client/index.js';
import { API, createFakeApi } from './fake-api.js';

const alice = { username: 'alice', password: 'pw' };

async function loggedIn(refuseCookies: boolean) {
  const api = createFakeApi({ refuseCookies });
  const client = createCorsetClient({
    apiOrigin: API,
    fetch: api.fetch,
    locks: null,
    storage: null,
  });
  await client.login(alice);
  return { api, client };
}

/** A minimal axios stand-in: runs the request hook, sends through the fake fetch. */
function fakeAxios(
  client: ReturnType<typeof createCorsetClient>,
  api: ReturnType<typeof createFakeApi>,
) {
  const sent: AxiosLikeConfig[] = [];
  const request = async (config: AxiosLikeConfig): Promise<unknown> => {
    const ready = hooks.request(config);
    sent.push({ ...ready, headers: { ...(ready.headers as object) } });
    const response = await api.fetch(`${ready.baseURL ?? ''}${ready.url ?? ''}`, {
      headers: (ready.headers ?? {}) as Record<string, string>,
      credentials: ready.withCredentials ? 'include' : 'same-origin',
    });
    const data: unknown = await response.json();
    if (response.ok) return { status: response.status, data };
    return hooks.responseError({ config: ready, response: { status: response.status, data } });
  };
  const hooks = axiosInterceptors(client, request);
  return { request, sent, hooks };
}

describe('axiosInterceptors', () => {
  it('adds credentials and the Bearer header to API requests only', async () => {
    const { client } = await loggedIn(true);
    const hooks = axiosInterceptors(client, () => Promise.resolve(undefined));
    const api = hooks.request<AxiosLikeConfig>({ baseURL: `${API}/v1/`, url: '/me' });
    expect(api.withCredentials).toBe(true);
    expect(api.headers).toEqual({ authorization: 'Bearer access-2' });
    expect(typeof api.corsetSentAt).toBe('number');
    const other = hooks.request<AxiosLikeConfig>({ url: 'https://cdn.example.org/x.json' });
    expect(other).toEqual({ url: 'https://cdn.example.org/x.json' });
  });

  it('uses AxiosHeaders#set when the headers object has one', async () => {
    const { client } = await loggedIn(true);
    const hooks = axiosInterceptors(client, () => Promise.resolve(undefined));
    const calls: [string, string][] = [];
    const headers = {
      set(name: string, value: string) {
        calls.push([name, value]);
      },
    };
    hooks.request({ url: `${API}/me`, headers });
    expect(calls).toEqual([['authorization', 'Bearer access-2']]);
  });

  it('refreshes and retries once on a "refresh" 401', async () => {
    const { api, client } = await loggedIn(false);
    const axios = fakeAxios(client, api);
    api.expireAccessTokens();
    const result = await axios.request({ baseURL: API, url: '/me' });
    expect(result).toMatchObject({ status: 200 });
    expect(api.callsTo('/auth/refresh')).toHaveLength(1);
    expect(axios.sent.map((c) => c.corsetRetried)).toEqual([undefined, true]);
  });

  it('rethrows when the retry is refused again', async () => {
    const { api, client } = await loggedIn(false);
    const axios = fakeAxios(client, api);
    api.state.alwaysExpired = true;
    await expect(axios.request({ baseURL: API, url: '/me' })).rejects.toMatchObject({
      response: { status: 401 },
    });
    expect(axios.sent).toHaveLength(2);
  });

  it('rethrows other errors untouched', async () => {
    const { client } = await loggedIn(false);
    const hooks = axiosInterceptors(client, () => Promise.resolve('retried'));
    const serverError = { config: { corsetSentAt: 0 }, response: { status: 500, data: {} } };
    await expect(hooks.responseError(serverError)).rejects.toBe(serverError);
    const network = new Error('Network Error');
    await expect(hooks.responseError(network)).rejects.toBe(network);
    // A 401 from a request the hook never saw (another origin) is not retried.
    const foreign = { config: {}, response: { status: 401, data: { error: {} } } };
    await expect(hooks.responseError(foreign)).rejects.toBe(foreign);
  });

  it('reads a JSON body that axios left as text', async () => {
    const { api, client } = await loggedIn(false);
    api.expireAccessTokens();
    const hooks = axiosInterceptors(client, () => Promise.resolve('retried'));
    const body = JSON.stringify({
      error: { code: 'token-expired', action: 'refresh', message: '', fix: '' },
    });
    const result = await hooks.responseError({
      config: { corsetSentAt: client.now() - 1 },
      response: { status: 401, data: body },
    });
    expect(result).toBe('retried');
  });
});

/** An XMLHttpRequest stand-in that goes through the fake API's fetch. */
function fakeXhrClass(api: ReturnType<typeof createFakeApi>) {
  const instances: FakeXhr[] = [];
  class FakeXhr {
    withCredentials = false;
    status = 0;
    responseText = '';
    method = '';
    url = '';
    headers: Record<string, string> = {};
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    ontimeout: (() => void) | null = null;
    constructor() {
      instances.push(this);
    }
    open(method: string, url: string) {
      this.method = method;
      this.url = url;
    }
    setRequestHeader(name: string, value: string) {
      this.headers[name] = value;
    }
    send(body: string | null) {
      api
        .fetch(this.url, {
          method: this.method,
          headers: this.headers,
          credentials: this.withCredentials ? 'include' : 'same-origin',
          ...(body === null ? {} : { body }),
        })
        .then(async (response) => {
          this.status = response.status;
          this.responseText = await response.text();
          this.onload?.();
        })
        .catch(() => this.onerror?.());
    }
  }
  return { FakeXhr: FakeXhr as unknown as new () => XMLHttpRequest, instances };
}

describe('XMLHttpRequest', () => {
  it('sends with credentials and the Bearer header, and retries once after a refresh', async () => {
    const { api, client } = await loggedIn(true);
    const { FakeXhr, instances } = fakeXhrClass(api);
    api.expireAccessTokens();
    const xhr = await sendXhr(client, 'POST', '/notes', {
      body: '{"text":"x"}',
      headers: { 'content-type': 'application/json' },
      XMLHttpRequest: FakeXhr,
    });
    expect(xhr.status).toBe(200);
    expect(instances).toHaveLength(2);
    expect(instances.every((x) => x.withCredentials)).toBe(true);
    expect(instances[1]?.headers).toEqual({
      'content-type': 'application/json',
      authorization: 'Bearer access-3',
    });
    expect(api.callsTo('/auth/refresh')).toHaveLength(1);
  });

  it('rejects on a network failure and refuses other origins', async () => {
    const { api, client } = await loggedIn(false);
    const { FakeXhr } = fakeXhrClass(api);
    await expect(
      sendXhr(client, 'GET', 'https://evil.example.net/', { XMLHttpRequest: FakeXhr }),
    ).rejects.toThrow(TypeError);
    const failing = createCorsetClient({ apiOrigin: 'https://down.example.com', locks: null });
    await expect(sendXhr(failing, 'GET', '/me', { XMLHttpRequest: FakeXhr })).rejects.toThrow(
      /failed/,
    );
  });

  it('prepareXhr leaves requests to other origins untouched', async () => {
    const { client } = await loggedIn(true);
    const headers: Record<string, string> = {};
    const xhr = {
      withCredentials: false,
      setRequestHeader: (n: string, v: string) => {
        headers[n] = v;
      },
    };
    prepareXhr(client, xhr, 'https://cdn.example.org/lib.js');
    expect(xhr.withCredentials).toBe(false);
    expect(headers).toEqual({});
    prepareXhr(client, xhr, `${API}/me`);
    expect(xhr.withCredentials).toBe(true);
    expect(headers).toEqual({ authorization: 'Bearer access-2' });
  });
});
