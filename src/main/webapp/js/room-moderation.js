// What owners and admins can do in a room: kick, ban and unban, grant and revoke admin, delete a
// message, change topic/visibility/password, invite, stream keys, delete the room; plus the "All
// members" and "Banned" panels. The server decides (403 with a reason); the page only offers and reports.

import { rooms as api } from './room-api.js';
import { el } from './dom.js';
import { formDialog, confirmDialog, toast, UserError } from './room-dialogs.js';
import { PeopleList } from './room-occupants.js';
import { streamKeysDialog } from './room-stream-keys.js';

export class RoomModeration {
  /**
   * `room()`: the open room (null when none); `onRoom(room)`: a fresher copy from an answer;
   * `onMembers(items)`: the member list was (re)loaded; `onDeleted(room)`: this tab deleted the room
   * (`deleting` names it while the request is under way);
   * `onMessageDeleted(id)`: a message was deleted.
   */
  constructor({ me, room, onRoom, onMembers, onDeleted, onMessageDeleted }) {
    Object.assign(this, { me, room, onRoom, onMembers, onDeleted, onMessageDeleted });
    this.seq = 0;
    const actions = {
      kick: (u) => this.kick(u), ban: (u) => this.ban(u), setRole: (u, r) => this.setRole(u, r), unban: (u) => this.unban(u),
    };
    const canModerate = () => this.allowed;
    this.memberList = el('ul', { className: 'people occupants', data: { test: 'member-list' } });
    this.banList = el('ul', { className: 'people occupants', data: { test: 'ban-list' } });
    this.members = new PeopleList({ list: this.memberList, test: 'member', me, canModerate, actions });
    this.banned = new PeopleList({ list: this.banList, test: 'banned-user', me, canModerate, actions });
    this.membersNote = el('p', { className: 'muted empty' });
    this.bansNote = el('p', { className: 'muted empty' });
    this.membersPanel = el('details', { className: 'side-panel', data: { test: 'members-panel' } },
      el('summary', {}, 'All members'), this.memberList, this.membersNote);
    this.bansPanel = el('details', { className: 'side-panel', data: { test: 'bans-panel' } },
      el('summary', {}, 'Banned'), this.banList, this.bansNote);
    this.membersPanel.addEventListener('toggle', () => { if (this.membersPanel.open) this.loadMembers(); });
    this.bansPanel.addEventListener('toggle', () => { if (this.bansPanel.open) this.loadBans(); });
    this.root = el('div', { className: 'moderation-panels' }, this.membersPanel, this.bansPanel);
  }

  get allowed() {
    const role = this.room()?.myRole;
    return role === 'owner' || role === 'admin';
  }

  /** A different room (or none) is open: forget the lists. */
  reset() {
    this.seq++;
    this.deleting = null;
    this.membersPanel.open = false;
    this.bansPanel.open = false;
    this.members.render([]);
    this.banned.render([]);
    this.membersNote.textContent = '';
    this.bansNote.textContent = '';
    this.render();
  }

  render() {
    this.root.hidden = !this.allowed;
  }

  /** GET members: roles for the occupant list, and the "All members" panel when it is open. */
  async loadMembers() {
    const room = this.room();
    if (!room) return;
    const seq = this.seq;
    try {
      const page = await api.members(room.id);
      if (seq !== this.seq) return;
      this.members.render(page.items);
      this.membersNote.textContent = page.items.length ? '' : 'No members.';
      this.onMembers(page.items);
    } catch (e) {
      if (seq === this.seq) this.membersNote.textContent = `Could not load members: ${e.message}`;
    }
  }

  async loadBans() {
    const room = this.room();
    if (!room || !this.allowed) return;
    const seq = this.seq;
    try {
      const page = await api.bans(room.id);
      if (seq !== this.seq) return;
      const people = (page.items || []).map((b) => ({ user: b.user || b, role: '', banned: true }));
      this.banned.render(people);
      this.bansNote.textContent = people.length ? '' : 'Nobody is banned.';
    } catch (e) {
      if (seq === this.seq) this.bansNote.textContent = `Could not load the ban list: ${e.message}`;
    }
  }

  kick(user) {
    const room = this.room();
    formDialog({
      test: 'kick', title: `Remove ${nameOf(user)} from ${room.name}`,
      intro: 'They are sent out of the room now and are told the reason.',
      fields: [{ name: 'reason', label: 'Reason (optional)', maxLength: 200, placeholder: 'e.g. Off topic' }],
      submitLabel: 'Kick', danger: true,
      onSubmit: async ({ reason }) => {
        await api.kick(room.id, user.username, reason || undefined);
        this.#refresh();
      },
    });
  }

  ban(user) {
    const room = this.room();
    formDialog({
      test: 'ban', title: `Ban ${nameOf(user)} from ${room.name}`,
      intro: 'They are sent out of the room and cannot come back until they are unbanned.',
      fields: [{ name: 'reason', label: 'Reason (optional)', maxLength: 200 }],
      submitLabel: 'Ban', danger: true,
      onSubmit: async ({ reason }) => {
        await api.ban(room.id, user.username, reason || undefined);
        this.#refresh();
      },
    });
  }

  /** Ends a WHIP stream (a pseudo-occupant): its publisher's session ends and it leaves. */
  stopStream(user) {
    const room = this.room();
    confirmDialog({
      test: 'stop-stream', title: `Stop the stream ${nameOf(user)}?`,
      text: 'The encoder is disconnected and the stream leaves the room. It can publish again.',
      confirmLabel: 'Stop stream',
      onConfirm: async () => {
        const streams = await api.streams(room.id);
        const mine = streams.filter((s) => s.whip && s.user.id === user.id);
        if (!mine.length) throw new UserError('That stream has already ended.');
        for (const s of mine) await api.stopStream(room.id, s.id);
      },
    });
  }

  async unban(user) {
    const room = this.room();
    try {
      await api.unban(room.id, user.username);
      toast(`${nameOf(user)} may enter ${room.name} again.`);
      this.loadBans();
    } catch (e) {
      toast(`Could not unban ${nameOf(user)}: ${e.message}`);
    }
  }

  async setRole(user, role) {
    const room = this.room();
    try {
      await api.setRole(room.id, user.username, role);
      toast(role === 'admin' ? `${nameOf(user)} is now an admin.` : `${nameOf(user)} is no longer an admin.`);
      this.loadMembers();
    } catch (e) {
      toast(`Could not change the role of ${nameOf(user)}: ${e.message}`);
    }
  }

  deleteMessage(messageId) {
    const room = this.room();
    confirmDialog({
      test: 'delete-message', title: 'Delete this message?', text: 'It disappears for everyone in the room.',
      confirmLabel: 'Delete',
      onConfirm: async () => {
        await api.deleteMessage(room.id, messageId);
        this.onMessageDeleted(messageId);
      },
    });
  }

  settings() {
    const room = this.room();
    const fields = [
      { name: 'topic', label: 'Topic', type: 'textarea', value: room.topic || '', maxLength: 200 },
      { name: 'visibility', label: 'Who can find it', type: 'select', value: room.visibility,
        options: [['public', 'Public: listed for everyone'], ['private', 'Private: members and invited people only']] },
      { name: 'mode', label: 'Who shows', type: 'select', value: room.mode || 'meeting',
        options: [['meeting', 'Meeting: everyone may show'],
          ['broadcast', 'Broadcast: the owner, presenters and people invited on stage; everyone else watches']] },
      { name: 'password', label: room.hasPassword ? 'New password' : 'Password', type: 'password',
        placeholder: room.hasPassword ? 'Leave empty to keep the current one' : 'Leave empty for no password' },
    ];
    if (room.hasPassword) fields.push({ name: 'removePassword', label: 'Remove the password', type: 'checkbox' });
    formDialog({
      test: 'room-settings', title: `Settings of ${room.name}`, fields, submitLabel: 'Save',
      onSubmit: async ({ topic, visibility, mode, password, removePassword }) => {
        const changes = {};
        if (mode !== (room.mode || 'meeting')) changes.mode = mode;
        if (topic !== (room.topic || '')) changes.topic = topic;
        if (visibility !== room.visibility) changes.visibility = visibility;
        if (removePassword) changes.password = '';
        else if (password) changes.password = password;
        if (!Object.keys(changes).length) return;
        const updated = await api.update(room.id, changes);
        if (updated?.id) this.onRoom(updated);
      },
    });
  }

  invite() {
    const room = this.room();
    formDialog({
      test: 'invite', title: `Invite someone to ${room.name}`,
      intro: 'The person you invite can then find the room and enter it.',
      fields: [{ name: 'username', label: 'Username', maxLength: 32, placeholder: 'e.g. carol' }],
      submitLabel: 'Invite',
      onSubmit: async ({ username }) => {
        const name = username.replace(/^@/, '');
        await api.invite(room.id, name);
        toast(`@${name} is invited to ${room.name}.`);
      },
    });
  }

  /** Keys for encoders and embedded players: the owner creates, owner and admins list and revoke. */
  streamKeys() {
    streamKeysDialog(this.room());
  }

  deleteRoom() {
    const room = this.room();
    confirmDialog({
      test: 'delete-room', title: `Delete ${room.name}?`,
      text: 'Everyone in it is sent out and its messages are gone. This cannot be undone.',
      confirmLabel: 'Delete room',
      onConfirm: async () => {
        this.deleting = room.id; // room.closed may arrive before the answer
        try {
          await api.remove(room.id);
        } catch (e) {
          this.deleting = null;
          throw e;
        }
        this.onDeleted(room);
      },
    });
  }

  #refresh() {
    if (this.membersPanel.open) this.loadMembers();
    if (this.bansPanel.open) this.loadBans();
  }
}

function nameOf(user) {
  return user.displayName || user.username;
}
