// Live connections tab: who is connected, with each tab's start, address and browser; disconnect.

import { el } from '../dom.js';
import { adminLive } from './admin-api.js';
import { confirmAction } from './confirm.js';
import { ListPanel, actionButton, when, who } from './list-panel.js';

export function liveTab(root) {
  const list = new ListPanel(root, {
    test: 'admin-live',
    columns: ['User', 'Tabs', 'Connected since', 'From', 'Browser', 'Actions'],
    load: async () => {
      const all = await adminLive.connections();
      return { items: all.items, nextCursor: null };
    },
    row: (c) => [
      who(c.user),
      el('span', { data: { test: 'admin-live-count' } }, String(c.connections)),
      when(c.since),
      el('ul', { className: 'admin-cells' }, c.tabs.map((t) => el('li', {}, t.address || 'unknown'))),
      el('ul', { className: 'admin-cells' }, c.tabs.map((t) => el('li', { title: t.userAgent || '' },
        (t.userAgent || 'unknown').slice(0, 60)))),
      actionButton('Disconnect', 'admin-live-disconnect', async () => {
        const ok = await confirmAction({
          title: 'Disconnect this user?',
          text: `All ${c.connections} socket(s) of ${who(c.user)} are closed now. Their session stays valid.`,
          confirmLabel: 'Disconnect',
        });
        if (!ok) return;
        try {
          const r = await adminLive.disconnect(c.user.id);
          await list.reload();
          list.say(`${who(c.user)}: ${r.closed} socket(s) closed.`);
        } catch (e) {
          list.error.textContent = e.message;
        }
      }, true),
    ],
  });
  return { show: () => list.reload() };
}
