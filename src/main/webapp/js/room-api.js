// The rooms REST API (docs/protocol.md, "Rooms"): every call as a promise, failures as ApiError.

import { api } from './api.js';

const query = (params) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const text = q.toString();
  return text ? `?${text}` : '';
};

const room = (id) => `rooms/${encodeURIComponent(id)}`;
const user = (username) => encodeURIComponent(username);

export const rooms = {
  list: (q, cursor, limit = 20) => api('GET', `rooms${query({ q, limit, cursor })}`),
  create: ({ name, topic, visibility, password }) =>
    api('POST', 'rooms', password ? { name, topic, visibility, password } : { name, topic, visibility }),
  get: (id) => api('GET', room(id)),
  update: (id, changes) => api('PATCH', room(id), changes),
  remove: (id) => api('DELETE', room(id)),
  members: (id) => api('GET', `${room(id)}/members`),
  messages: (id, before, limit = 50) => api('GET', `${room(id)}/messages${query({ before, limit })}`),
  kick: (id, username, reason) => api('POST', `${room(id)}/kicks`, { username, reason }),
  ban: (id, username, reason) => api('POST', `${room(id)}/bans`, { username, reason }),
  unban: (id, username) => api('DELETE', `${room(id)}/bans/${user(username)}`),
  bans: (id) => api('GET', `${room(id)}/bans`),
  setRole: (id, username, role) => api('PUT', `${room(id)}/members/${user(username)}/role`, { role }),
  deleteMessage: (id, messageId) => api('DELETE', `${room(id)}/messages/${encodeURIComponent(messageId)}`),
  invite: (id, username) => api('POST', `${room(id)}/invites`, { username }),
  occupants: (id, q, cursor, limit = 50) => api('GET', `${room(id)}/occupants${query({ q, limit, cursor })}`),
  presenters: (id) => api('GET', `${room(id)}/presenters`),
  addPresenter: (id, username) => api('PUT', `${room(id)}/presenters/${user(username)}`),
  removePresenter: (id, username) => api('DELETE', `${room(id)}/presenters/${user(username)}`),
  streamKeys: (id) => api('GET', `${room(id)}/stream-keys`),
  createStreamKey: (id, name, purpose) => api('POST', `${room(id)}/stream-keys`, { name, purpose }),
  revokeStreamKey: (id, keyId) => api('DELETE', `${room(id)}/stream-keys/${encodeURIComponent(keyId)}`),
  streams: (id) => api('GET', `${room(id)}/streams`),
  stopStream: (id, streamId) => api('DELETE', `${room(id)}/streams/${encodeURIComponent(streamId)}`),
};
