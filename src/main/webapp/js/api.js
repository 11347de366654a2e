// REST client: JSON in, JSON out, every failure as an ApiError with the server's message.

const TOKEN_KEY = 'chorus.token';

export class ApiError extends Error {
  constructor(status, title, detail, fieldErrors = []) {
    super(detail || title || `HTTP ${status}`);
    this.status = status;
    this.title = title;
    this.fieldErrors = fieldErrors; // [{field, message}]
  }
}

export const session = {
  get token() { return localStorage.getItem(TOKEN_KEY); },
  set token(value) {
    if (value) localStorage.setItem(TOKEN_KEY, value); else localStorage.removeItem(TOKEN_KEY);
  },
};

export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (session.token) headers.Authorization = `Bearer ${session.token}`;
  let response;
  try {
    response = await fetch(`api/${path}`, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, 'Network error', 'The server cannot be reached. Check your connection.');
  }
  if (response.status === 204) return null;
  let json = null;
  try { json = await response.json(); } catch (e) { /* a body that is not JSON */ }
  if (!response.ok) {
    if (response.status === 429 || response.status === 503) {
      const wait = response.headers.get('Retry-After');
      throw new ApiError(response.status, json?.title,
        json?.detail || `The server is busy. Try again in ${wait} s.`);
    }
    throw new ApiError(response.status, json?.title, json?.detail, json?.errors || []);
  }
  return json;
}

export const accounts = {
  register: (username, password, displayName, invite) =>
    api('POST', 'accounts', { username, password, displayName, invite: invite || undefined }),
  me: () => api('GET', 'accounts/me'),
  changePassword: (currentPassword, newPassword) =>
    api('PUT', 'accounts/me/password', { currentPassword, newPassword }),
};

export const sessions = {
  login: (username, password) => api('POST', 'sessions', { username, password }),
  logout: () => api('DELETE', 'sessions/current'),
  logoutEverywhere: () => api('DELETE', 'sessions'),
};

export const auth = {
  providers: () => api('GET', 'auth/providers'),
  redeemSingleSignOn: (code) => api('POST', 'auth/oidc/session', { code }),
};

const query = (params) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null) q.set(k, v);
  const text = q.toString();
  return text ? `?${text}` : '';
};

export const users = {
  search: (q, cursor, limit = 20) => api('GET', `users${query({ q, limit, cursor })}`),
};

export const conversations = {
  list: () => api('GET', 'conversations'),
  messages: (username, before, limit = 50) =>
    api('GET', `conversations/${encodeURIComponent(username)}/messages${query({ before, limit })}`),
};
