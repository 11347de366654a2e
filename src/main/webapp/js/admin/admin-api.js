// The admin REST API (/api/admin/...): every call goes through api() so failures are ApiErrors
// carrying the server's message.

import { api } from '../api.js';

const query = (params) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const text = q.toString();
  return text ? `?${text}` : '';
};
const id = encodeURIComponent;

export const adminUsers = {
  list: (q, cursor, limit = 50) => api('GET', `admin/users${query({ q, cursor, limit })}`),
  disable: (userId) => api('POST', `admin/users/${id(userId)}/disable`),
  enable: (userId) => api('POST', `admin/users/${id(userId)}/enable`),
  remove: (userId) => api('DELETE', `admin/users/${id(userId)}`),
  resetPassword: (userId, password) => api('POST', `admin/users/${id(userId)}/password`, { password }),
  endSessions: (userId) => api('DELETE', `admin/users/${id(userId)}/sessions`),
  grantAdmin: (userId) => api('PUT', `admin/users/${id(userId)}/admin`),
  revokeAdmin: (userId) => api('DELETE', `admin/users/${id(userId)}/admin`),
};

export const adminRooms = {
  list: (q, cursor, limit = 50) => api('GET', `admin/rooms${query({ q, cursor, limit })}`),
  close: (roomId) => api('DELETE', `admin/rooms/${id(roomId)}`),
  changeOwner: (roomId, userId) => api('PUT', `admin/rooms/${id(roomId)}/owner`, { userId }),
  removeMember: (roomId, userId) => api('DELETE', `admin/rooms/${id(roomId)}/members/${id(userId)}`),
};

export const adminLive = {
  connections: () => api('GET', 'admin/connections'),
  disconnect: (userId) => api('DELETE', `admin/connections/${id(userId)}`),
  server: () => api('GET', 'admin/server'),
};

export const adminAudit = {
  list: ({ actor, action, since, until, cursor, limit = 50 }) =>
    api('GET', `admin/audit${query({ actor, action, since, until, cursor, limit })}`),
};
