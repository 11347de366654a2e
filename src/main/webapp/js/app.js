// Entry point: decides between the log-in screen and the shell, and owns the socket.

import { accounts, sessions, session, ApiError } from './api.js';
import {
  setUpAccountDialog, setUpAuthForms, setUpSingleSignOn, singleSignOnLogoutUrl,
} from './auth.js';
import { ChorusSocket } from './socket.js';
import { startMessenger } from './messenger.js';
import { showAdminLinkIfAdmin } from './admin/admin-link.js';

const $ = (id) => document.getElementById(id);
const socket = new ChorusSocket(() => session.token);
// Browser tests reach the socket here (e.g. to drop the connection on purpose).
window.__chorusSocket = socket;
let messenger = null;
let me = null;

const STATE_TEXT = {
  connecting: 'Connecting…', open: 'Connected', reconnecting: 'Connection lost — reconnecting…',
  closed: 'Disconnected', idle: '',
};

socket.addEventListener('state', (e) => {
  const { state } = e.detail;
  $('conn-text').textContent = STATE_TEXT[state];
  $('conn-dot').className = `status-dot ${state === 'open' ? 'online' : state === 'closed' ? 'offline' : ''}`;
  $('conn-dot').title = STATE_TEXT[state];
});
socket.addEventListener('unauthorized', (e) => showAuth(e.detail?.reason === 'disconnected by an administrator'
  ? 'An administrator disconnected you. Please log in again.'
  : 'Your session has ended. Please log in again.'));

function showShell(account) {
  me = account;
  $('loading').hidden = true;
  $('auth').hidden = true;
  $('shell').hidden = false;
  $('user-box').hidden = false;
  // textContent, never innerHTML: a display name is user text.
  $('user-name').textContent = account.displayName;
  $('welcome-name').textContent = account.displayName;
  messenger?.stop();
  messenger = startMessenger({ socket, me: account });
  socket.start();
  showAdminLinkIfAdmin($('admin-link'));
}

function showAuth(message = '') {
  socket.stop();
  messenger?.stop();
  messenger = null;
  session.token = null;
  $('loading').hidden = true;
  $('shell').hidden = true;
  $('user-box').hidden = true;
  $('admin-link').hidden = true;
  $('auth').hidden = false;
  document.querySelector('#login-form .form-error').textContent = message;
}

const forms = setUpAuthForms({
  onLoggedIn(token, account) {
    session.token = token;
    showShell(account);
  },
});

const singleSignOn = setUpSingleSignOn({
  onLoggedIn(token, account) {
    session.token = token;
    showShell(account);
  },
});

$('logout').addEventListener('click', async () => {
  const atProvider = me?.origin === 'oidc' ? singleSignOnLogoutUrl() : null;
  try {
    await sessions.logout();
  } catch (e) {
    // The token is dropped locally whatever the server said; an expired one is already gone.
  }
  showAuth();
  forms.show('login');
  // Single sign-on users may be logged out at the provider as well (if the server says so).
  if (atProvider) location.assign(atProvider);
});

setUpAccountDialog({
  account: () => me,
  pauseSocket: () => socket.stop(),
  resumeSocket(token) {
    if (token) session.token = token;
    socket.start();
  },
  onLoggedOutEverywhere() {
    showAuth('You have been logged out everywhere.');
    forms.show('login');
  },
});

async function boot() {
  // A single sign-on coming back from the provider logs in with a fresh session.
  if (await singleSignOn) return;
  if (!session.token) { showAuth(); return; }
  try {
    showShell(await accounts.me());
  } catch (e) {
    showAuth(e instanceof ApiError && e.status === 401 ? 'Your session has expired. Please log in again.'
      : e.message);
  }
}

boot();
