// Entry point of admin.html: checks that the logged-in user is an administrator (the API refuses
// everyone else anyway), then shows the tabs, each loaded when first opened.

import { accounts, session, ApiError } from '../api.js';
import { adminLive } from './admin-api.js';
import { auditTab } from './audit-tab.js';
import { chartsTab } from './charts-tab.js';
import { liveTab } from './live-tab.js';
import { roomsTab } from './rooms-tab.js';
import { usersTab } from './users-tab.js';

const $ = (id) => document.getElementById(id);
const FACTORIES = { users: usersTab, rooms: roomsTab, live: liveTab, audit: auditTab, charts: chartsTab };
const tabs = new Map();
let current = null;

function refuse(text) {
  $('admin-loading').hidden = true;
  $('admin-shell').hidden = true;
  $('admin-refused').hidden = false;
  $('admin-refused').textContent = text;
}

function open(name) {
  if (current && current !== name) tabs.get(current)?.hide?.();
  current = name;
  for (const b of document.querySelectorAll('[data-tab]')) {
    b.setAttribute('aria-selected', String(b.dataset.tab === name));
  }
  for (const p of document.querySelectorAll('[data-panel]')) p.hidden = p.dataset.panel !== name;
  if (!tabs.has(name)) tabs.set(name, FACTORIES[name](document.querySelector(`[data-panel="${name}"]`)));
  tabs.get(name).show();
}

async function boot() {
  if (!session.token) { refuse('Log in to Chorus first.'); return; }
  try {
    const me = await accounts.me();
    $('admin-user').textContent = me.displayName;
    await adminLive.server(); // 403 for anyone who is not an administrator
  } catch (e) {
    refuse(e instanceof ApiError && e.status === 401 ? 'Your session has ended. Log in to Chorus again.'
      : e.message);
    return;
  }
  $('admin-loading').hidden = true;
  $('admin-shell').hidden = false;
  for (const b of document.querySelectorAll('[data-tab]')) b.addEventListener('click', () => open(b.dataset.tab));
  open('users');
}

boot();
