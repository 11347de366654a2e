// Log-in and registration forms: client-side hints, server-side truth.

import { accounts, auth, sessions, ApiError } from './api.js';

export function setUpAuthForms({ onLoggedIn }) {
  const loginForm = document.getElementById('login-form');
  const registerForm = document.getElementById('register-form');
  const tabLogin = document.getElementById('tab-login');
  const tabRegister = document.getElementById('tab-register');

  const show = (which) => {
    const login = which === 'login';
    loginForm.hidden = !login;
    registerForm.hidden = login;
    tabLogin.setAttribute('aria-selected', String(login));
    tabRegister.setAttribute('aria-selected', String(!login));
    (login ? loginForm : registerForm).querySelector('input').focus();
  };
  tabLogin.addEventListener('click', () => show('login'));
  tabRegister.addEventListener('click', () => show('register'));

  loginForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const { username, password } = values(loginForm);
    const errors = {};
    if (!username) errors.username = 'Enter your username.';
    if (!password) errors.password = 'Enter your password.';
    if (showErrors(loginForm, errors)) return;
    await submitting(loginForm, async () => {
      const login = await sessions.login(username, password);
      loginForm.reset();
      onLoggedIn(login.token, login.account);
    });
  });

  registerForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const { username, password, displayName, invite } = values(registerForm);
    const errors = {};
    if (!/^[a-zA-Z0-9._-]{3,32}$/.test(username)) {
      errors.username = 'Use 3–32 characters: a–z, 0–9, “.”, “_”, “-”.';
    }
    if (!displayName) errors.displayName = 'Enter the name others will see.';
    if (password.length < 8) errors.password = 'Use at least 8 characters.';
    if (showErrors(registerForm, errors)) return;
    await submitting(registerForm, async () => {
      await accounts.register(username, password, displayName, invite);
      const login = await sessions.login(username, password);
      registerForm.reset();
      onLoggedIn(login.token, login.account);
    });
  });

  return { show };
}

// What the login page says for each failure code the single sign-on callback sends back
// (SsoFailure on the server). The page has its own words: a link cannot inject text.
let providerLogout = null;

/** Where to go after logging out of Chorus to log out at the provider too, or null. */
export function singleSignOnLogoutUrl() { return providerLogout; }

const SSO_ERRORS = {
  off: 'Single sign-on is not set up on this server.',
  denied: 'Single sign-on was cancelled. You can try again.',
  provider: 'The sign-in service reported an error. Please try again.',
  state: 'This sign-in link is invalid or was already used. Please start again.',
  expired: 'The sign-in took too long. Please start again.',
  unreachable: 'The sign-in service cannot be reached right now. Please try again later.',
  token: 'The answer of the sign-in service could not be verified. Please try again.',
  busy: 'Too many sign-ins at once. Please try again in a minute.',
};

/**
 * Single sign-on (OpenID Connect): shows the "Sign in with …" button when the server has a
 * provider, and finishes a sign-in the server's callback sent back here. The callback puts a
 * one-time code (never the session token) in the URL fragment; it is removed from the address bar
 * at once and exchanged by POST for a session.
 *
 * @returns a promise that settles once a sign-in in the fragment, if any, has been dealt with:
 *   true when it logged the user in.
 */
export async function setUpSingleSignOn({ onLoggedIn }) {
  const box = document.getElementById('sso');
  const button = document.getElementById('sso-button');
  const error = document.getElementById('sso-error');
  const fragment = new URLSearchParams(location.hash.slice(1));
  const code = fragment.get('sso');
  const failure = fragment.get('sso-error');
  if (code || failure) history.replaceState(null, '', location.pathname + location.search);

  auth.providers().then((providers) => {
    // Local accounts switched off: nobody can create one here.
    if (providers.local === false) document.getElementById('tab-register').hidden = true;
    if (!providers.oidc) return;
    providerLogout = providers.oidc.logout || null;
    button.textContent = providers.oidc.label;
    button.addEventListener('click', () => {
      button.disabled = true;
      button.textContent = 'Redirecting…';
      location.assign(providers.oidc.start);
    });
    box.hidden = false;
  }, () => { /* no providers list: the password form still works */ });

  if (failure) {
    error.textContent = SSO_ERRORS[failure] || 'Single sign-on failed. Please try again.';
    return false;
  }
  if (!code) return false;
  try {
    const login = await auth.redeemSingleSignOn(code);
    onLoggedIn(login.token, login.account);
    return true;
  } catch (err) {
    error.textContent = err instanceof ApiError ? err.message : 'Single sign-on failed. Please try again.';
    return false;
  }
}

const EXTERNAL_PASSWORD = {
  ldap: 'You sign in with your directory account: change your password in the company directory.',
  oidc: 'You sign in with single sign-on: change your password at your identity provider.',
};

/**
 * The account dialog: change password (the answer is a new session for this tab, every other one
 * ends) and log out everywhere.
 */
export function setUpAccountDialog({ account, pauseSocket, resumeSocket, onLoggedOutEverywhere }) {
  const dialog = document.getElementById('account-dialog');
  const form = document.getElementById('password-form');
  const done = form.querySelector('[data-test=password-done]');
  const fields = document.getElementById('password-fields');
  const external = document.getElementById('password-external');
  document.getElementById('account-open').addEventListener('click', () => {
    form.reset();
    showErrors(form, {});
    done.textContent = '';
    // Directory and single sign-on users have no Chorus password: theirs is changed where it lives.
    const origin = account()?.origin || 'local';
    fields.hidden = origin !== 'local';
    external.hidden = origin === 'local';
    external.textContent = EXTERNAL_PASSWORD[origin] || EXTERNAL_PASSWORD.ldap;
    dialog.showModal();
  });
  document.getElementById('account-close').addEventListener('click', () => dialog.close());

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const { currentPassword, newPassword } = values(form);
    const errors = {};
    if (!currentPassword) errors.currentPassword = 'Enter your current password.';
    if (newPassword.length < 8) errors.newPassword = 'Use at least 8 characters.';
    done.textContent = '';
    if (showErrors(form, errors)) return;
    await submitting(form, async () => {
      // The server closes the sockets of the old token: ours is stopped first and reopened with
      // the new token, so this tab does not take that close for a logout.
      pauseSocket();
      let token = null;
      try {
        token = (await accounts.changePassword(currentPassword, newPassword)).token;
      } finally {
        resumeSocket(token);
      }
      form.reset();
      done.textContent = 'Password changed. Other sessions have been logged out.';
    });
  });

  document.getElementById('logout-everywhere').addEventListener('click', async () => {
    pauseSocket();
    try {
      await sessions.logoutEverywhere();
    } catch (err) {
      // Dropped locally whatever the server said: an expired token is already gone.
    }
    dialog.close();
    onLoggedOutEverywhere();
  });
}

function values(form) {
  const data = new FormData(form);
  // Passwords are never trimmed.
  return Object.fromEntries([...data.entries()].map(([k, v]) => [k, /password/i.test(k) ? v : v.trim()]));
}

function showErrors(form, errors, formMessage = '') {
  for (const p of form.querySelectorAll('.field-error')) {
    const message = errors[p.dataset.field] || '';
    p.textContent = message;
    form.elements[p.dataset.field]?.setAttribute('aria-invalid', String(Boolean(message)));
  }
  form.querySelector('.form-error').textContent = formMessage;
  return Object.keys(errors).length > 0;
}

async function submitting(form, action) {
  const button = form.querySelector('button[type=submit]');
  const label = button.textContent;
  button.disabled = true;
  button.textContent = 'Please wait…';
  showErrors(form, {});
  try {
    await action();
  } catch (err) {
    if (err instanceof ApiError) {
      const fields = Object.fromEntries(err.fieldErrors.map((f) => [f.field, f.message]));
      showErrors(form, fields, err.fieldErrors.length ? '' : err.message);
    } else {
      showErrors(form, {}, 'Something went wrong. Please try again.');
    }
  } finally {
    button.disabled = false;
    button.textContent = label;
  }
}
