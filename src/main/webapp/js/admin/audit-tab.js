// Audit log tab: who did what, when and from where, filtered by actor, action and time.

import { el } from '../dom.js';
import { adminAudit } from './admin-api.js';
import { ListPanel, when, who } from './list-panel.js';

export function auditTab(root) {
  const actor = el('input', { type: 'search', placeholder: 'Actor (username)', data: { test: 'admin-audit-actor' } });
  const action = el('input', { type: 'search', placeholder: 'Action, e.g. room.closed', data: { test: 'admin-audit-action' } });
  const since = el('input', { type: 'datetime-local', title: 'Since', data: { test: 'admin-audit-since' } });
  const until = el('input', { type: 'datetime-local', title: 'Until', data: { test: 'admin-audit-until' } });
  const iso = (input) => (input.value ? new Date(input.value).toISOString() : undefined);
  const list = new ListPanel(root, {
    test: 'admin-audit',
    columns: ['When', 'Who', 'Action', 'Target', 'Detail', 'From'],
    extra: [actor, action, since, until],
    load: (q, cursor) => adminAudit.list({
      actor: actor.value.trim() || undefined,
      action: action.value.trim() || undefined,
      since: iso(since),
      until: iso(until),
      cursor,
    }),
    row: (a) => [
      when(a.at),
      a.actor ? who(a.actor) : 'anonymous',
      el('span', { data: { test: 'admin-audit-entry-action' } }, a.action),
      a.target || '',
      a.detail || '',
      a.address || '',
    ],
  });
  return { show: () => list.reload() };
}
