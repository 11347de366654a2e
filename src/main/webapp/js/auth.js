// Log-in and registration forms: client-side hints, server-side truth.

import { accounts, sessions, ApiError } from './api.js';

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
    const { username, password, displayName } = values(registerForm);
    const errors = {};
    if (!/^[a-zA-Z0-9._-]{3,32}$/.test(username)) {
      errors.username = 'Use 3–32 characters: a–z, 0–9, “.”, “_”, “-”.';
    }
    if (!displayName) errors.displayName = 'Enter the name others will see.';
    if (password.length < 8) errors.password = 'Use at least 8 characters.';
    if (showErrors(registerForm, errors)) return;
    await submitting(registerForm, async () => {
      await accounts.register(username, password, displayName);
      const login = await sessions.login(username, password);
      registerForm.reset();
      onLoggedIn(login.token, login.account);
    });
  });

  return { show };
}

function values(form) {
  const data = new FormData(form);
  return Object.fromEntries([...data.entries()].map(([k, v]) => [k, k === 'password' ? v : v.trim()]));
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
