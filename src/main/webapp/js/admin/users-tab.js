// Users tab: find accounts, disable/enable them, reset a password, end their sessions, grant or
// revoke admin, delete them. Every destructive action asks first.

import { el } from '../dom.js';
import { adminUsers } from './admin-api.js';
import { confirmAction } from './confirm.js';
import { ListPanel, actionButton, when, who } from './list-panel.js';

export function usersTab(root) {
  const list = new ListPanel(root, {
    test: 'admin-users',
    searchLabel: 'Search users by name',
    columns: ['User', 'Origin', 'Role', 'Status', 'Created', 'Actions'],
    load: (q, cursor) => adminUsers.list(q, cursor),
    row: (u) => [
      who(u),
      u.origin,
      u.admin ? 'Administrator' : 'User',
      el('span', { data: { test: 'admin-user-status' } },
        u.disabled ? 'Disabled' : u.online ? 'Online' : 'Offline'),
      when(u.createdAt),
      el('div', { className: 'admin-actions' }, actions(u)),
    ],
  });

  async function act(run, done) {
    try {
      await run();
      list.say(done);
      await list.reload();
      list.say(done);
    } catch (e) {
      list.error.textContent = e.message;
    }
  }

  function actions(u) {
    const name = who(u);
    const buttons = [];
    if (u.disabled) {
      buttons.push(actionButton('Enable', 'admin-user-enable',
        () => act(() => adminUsers.enable(u.id), `${name} is enabled.`)));
    } else {
      buttons.push(actionButton('Disable', 'admin-user-disable', async () => {
        const ok = await confirmAction({
          title: 'Disable this user?',
          text: `${name} will be logged out everywhere at once and cannot log in until enabled.`,
          confirmLabel: 'Disable',
        });
        if (ok) await act(() => adminUsers.disable(u.id), `${name} is disabled.`);
      }, true));
    }
    if (u.origin === 'local') {
      buttons.push(actionButton('Reset password', 'admin-user-password', async () => {
        const password = await confirmAction({
          title: 'Reset the password',
          text: `Set a new password for ${name}. Their sessions end.`,
          confirmLabel: 'Set password',
          input: { label: 'New password', type: 'password' },
        });
        if (password) await act(() => adminUsers.resetPassword(u.id, password), `${name}'s password is reset.`);
      }));
    }
    buttons.push(actionButton('End sessions', 'admin-user-sessions', async () => {
      const ok = await confirmAction({
        title: 'End all sessions?', text: `${name} is logged out everywhere.`, confirmLabel: 'End sessions',
      });
      if (ok) await act(() => adminUsers.endSessions(u.id), `${name}'s sessions ended.`);
    }, true));
    buttons.push(u.admin
      ? actionButton('Revoke admin', 'admin-user-revoke-admin', async () => {
        const ok = await confirmAction({
          title: 'Revoke administrator?', text: `${name} will no longer be a Chorus administrator.`,
          confirmLabel: 'Revoke',
        });
        if (ok) await act(() => adminUsers.revokeAdmin(u.id), `${name} is no longer an administrator.`);
      }, true)
      : actionButton('Make admin', 'admin-user-grant-admin', async () => {
        const ok = await confirmAction({
          title: 'Make administrator?', text: `${name} will be able to do everything on this page.`,
          confirmLabel: 'Make admin',
        });
        if (ok) await act(() => adminUsers.grantAdmin(u.id), `${name} is an administrator.`);
      }));
    buttons.push(actionButton('Delete', 'admin-user-delete', async () => {
      const ok = await confirmAction({
        title: 'Delete this user?',
        text: `${name}'s account is deleted for good. This cannot be undone.`,
        confirmLabel: 'Delete',
      });
      if (ok) await act(() => adminUsers.remove(u.id), `${name} is deleted.`);
    }, true));
    return buttons;
  }

  return { show: () => list.reload() };
}
