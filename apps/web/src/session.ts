import { api, unwrap } from './api/client';
import type { TokenPair, User } from './api/types';

/**
 * The staff session: the access token (short-lived) and the rotating refresh token, kept in sessionStorage (gone
 * when the browser tab closes). The access token is refreshed shortly before it expires.
 */
const KEY = 'sigap.session';

interface Stored {
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
  user: User;
}

let current: Stored | null = read();
const listeners = new Set<() => void>();

function read(): Stored | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Stored) : null;
  } catch {
    return null;
  }
}

function store(s: Stored | null): void {
  current = s;
  try {
    if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
    else sessionStorage.removeItem(KEY);
  } catch {
    /* storage unavailable: the session lives in memory */
  }
  listeners.forEach((l) => l());
}

function fromPair(p: TokenPair): Stored {
  return {
    accessToken: p.accessToken,
    refreshToken: p.refreshToken,
    expiresAt: Date.now() + p.expiresIn * 1000,
    user: p.user,
  };
}

export const session = {
  user: (): User | null => current?.user ?? null,
  subscribe(fn: () => void): () => void {
    listeners.add(fn);
    return () => listeners.delete(fn);
  },
  async login(username: string, password: string): Promise<User> {
    const pair = await unwrap<TokenPair>(api.POST('/api/v1/auth/login', { body: { username, password } }));
    store(fromPair(pair));
    return pair.user;
  },
  async logout(): Promise<void> {
    const s = current;
    store(null);
    if (s)
      await api
        .POST('/api/v1/auth/logout', { body: { refreshToken: s.refreshToken } })
        .catch(() => undefined);
  },
  clear: () => store(null),
  /** A valid access token (refreshed when close to expiry), for requests made outside the typed client. */
  token: (): Promise<string | null> => freshToken(),
};

let refreshing: Promise<void> | null = null;

async function freshToken(): Promise<string | null> {
  if (!current) return null;
  if (current.expiresAt - Date.now() < 30_000) {
    refreshing ??= (async () => {
      try {
        const pair = await unwrap<TokenPair>(
          api.POST('/api/v1/auth/refresh', { body: { refreshToken: current!.refreshToken } }),
        );
        store(fromPair(pair));
      } catch {
        store(null);
      } finally {
        refreshing = null;
      }
    })();
    await refreshing;
  }
  return current?.accessToken ?? null;
}

api.use({
  async onRequest({ request }) {
    if (/\/api\/v1\/auth\/(login|refresh|logout)$/.test(new URL(request.url).pathname)) return request;
    const token = await freshToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response, request }) {
    if (response.status === 401 && request.headers.has('Authorization')) store(null);
    return response;
  },
});
