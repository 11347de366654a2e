// Rooms tab: every room (private ones included) with who is in it and its media load; close a
// room, give it a new owner, take a user out of it.

import { users } from '../api.js';
import { el } from '../dom.js';
import { adminRooms } from './admin-api.js';
import { confirmAction } from './confirm.js';
import { ListPanel, actionButton, bitrate, who } from './list-panel.js';

/** The id of the user with exactly this username (the public user search), or an error. */
async function userIdOf(username) {
  const name = username.trim().toLowerCase();
  const page = await users.search(name, null, 20);
  const found = page.items.find((u) => u.username.toLowerCase() === name);
  if (!found) throw new Error(`There is no user '${username.trim()}'.`);
  return found.id;
}

export function roomsTab(root) {
  const list = new ListPanel(root, {
    test: 'admin-rooms',
    searchLabel: 'Search rooms by name or topic',
    columns: ['Room', 'Visibility', 'Owner', 'Members', 'In room', 'Showing', 'Media', 'Bitrate in / out', 'Actions'],
    load: (q, cursor) => adminRooms.list(q, cursor),
    row: (r) => [
      el('span', { data: { test: 'admin-room-name' } }, r.name),
      r.visibility,
      who(r.owner),
      String(r.members),
      el('span', { data: { test: 'admin-room-occupants' } }, String(r.occupants)),
      String(r.showing),
      `${r.transports} transports, ${r.producers} tracks in, ${r.consumers} out`,
      `${bitrate(r.bitrateInBps)} / ${bitrate(r.bitrateOutBps)}`,
      el('div', { className: 'admin-actions' }, actions(r)),
    ],
  });

  async function act(run, done) {
    try {
      await run();
      await list.reload();
      list.say(done);
    } catch (e) {
      list.error.textContent = e.message;
    }
  }

  function actions(r) {
    return [
      actionButton('Change owner', 'admin-room-owner', async () => {
        const username = await confirmAction({
          title: `New owner of ${r.name}`,
          text: 'The current owner stays in the room as a room admin.',
          confirmLabel: 'Change owner',
          input: { label: 'Username of the new owner' },
        });
        if (username) await act(async () => adminRooms.changeOwner(r.id, await userIdOf(username)),
          `${username.trim()} now owns ${r.name}.`);
      }),
      actionButton('Remove user', 'admin-room-remove', async () => {
        const username = await confirmAction({
          title: `Remove a user from ${r.name}`,
          text: 'They leave the room at once, are told so, and are no longer a member.',
          confirmLabel: 'Remove',
          input: { label: 'Username' },
        });
        if (username) await act(async () => adminRooms.removeMember(r.id, await userIdOf(username)),
          `${username.trim()} was removed from ${r.name}.`);
      }, true),
      actionButton('Close', 'admin-room-close', async () => {
        const ok = await confirmAction({
          title: `Close ${r.name}?`,
          text: 'Everyone in it is told and put out; the room, its messages and members are deleted.',
          confirmLabel: 'Close room',
        });
        if (ok) await act(() => adminRooms.close(r.id), `${r.name} is closed.`);
      }, true),
    ];
  }

  return { show: () => list.reload() };
}
