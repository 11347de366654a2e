// A paged, searchable table for the admin tabs: loading state, error message, "Load more" while
// the server returns a next cursor. Cells are nodes or strings; strings always become text.

import { el, replaceChildren } from '../dom.js';

export class ListPanel {
  /**
   * @param root the tab's panel
   * @param test prefix for data-test attributes (rows are `${test}-row`)
   * @param columns header titles
   * @param row item → array of cells
   * @param load (q, cursor) → Promise<{items, nextCursor}>
   * @param searchLabel placeholder of the search field, or null for none
   * @param extra optional nodes put next to the search field (filters)
   */
  constructor(root, { test, columns, row, load, searchLabel = null, extra = [] }) {
    this.test = test;
    this.row = row;
    this.load = load;
    this.cursor = null;
    this.seq = 0; // only the newest request's answer is shown
    this.search = searchLabel
      ? el('input', { type: 'search', placeholder: searchLabel, data: { test: `${test}-search` } })
      : null;
    const form = el('form', { className: 'admin-toolbar', onsubmit: (e) => { e.preventDefault(); this.reload(); } },
      this.search, ...extra,
      el('button', { type: 'submit', data: { test: `${test}-refresh` } }, searchLabel ? 'Search' : 'Refresh'));
    this.status = el('p', { className: 'admin-status', attrs: { role: 'status' }, data: { test: `${test}-status` } });
    this.error = el('p', { className: 'form-error', attrs: { role: 'alert' }, data: { test: `${test}-error` } });
    this.body = el('tbody', { data: { test: `${test}-rows` } });
    this.more = el('button', { type: 'button', className: 'secondary', hidden: true, data: { test: `${test}-more` },
      onclick: () => this.#fetch(false) }, 'Load more');
    replaceChildren(root, form, this.status, this.error,
      el('div', { className: 'admin-table-wrap' },
        el('table', { className: 'admin-table' },
          el('thead', {}, el('tr', {}, columns.map((c) => el('th', { scope: 'col' }, c)))),
          this.body)),
      this.more);
  }

  get query() {
    return this.search ? this.search.value.trim() : '';
  }

  /** Reloads from the first page. */
  reload() {
    return this.#fetch(true);
  }

  /** Shows a message after an action (as text). */
  say(text) {
    this.status.textContent = text;
  }

  async #fetch(fresh) {
    const seq = ++this.seq;
    this.error.textContent = '';
    this.status.textContent = 'Loading…';
    this.more.disabled = true;
    try {
      const page = await this.load(this.query, fresh ? null : this.cursor);
      if (seq !== this.seq) return; // a newer search or refresh is under way
      if (fresh) replaceChildren(this.body);
      for (const item of page.items) {
        this.body.append(el('tr', { data: { test: `${this.test}-row`, id: item.id ?? item.user?.id } },
          this.row(item).map((cell) => el('td', {}, cell))));
      }
      if (!this.body.firstChild) {
        this.body.append(el('tr', {}, el('td', { className: 'muted', colSpan: 99 }, 'Nothing to show.')));
      }
      this.cursor = page.nextCursor || null;
      this.more.hidden = !this.cursor;
      this.status.textContent = '';
    } catch (e) {
      if (seq !== this.seq) return;
      this.status.textContent = '';
      this.error.textContent = e.message;
    } finally {
      if (seq === this.seq) this.more.disabled = false;
    }
  }
}

/** A small action button for a table row; `run` is awaited with the button disabled. */
export function actionButton(label, test, run, danger = false) {
  const b = el('button', { type: 'button', className: danger ? 'danger small' : 'secondary small', data: { test } }, label);
  b.addEventListener('click', async () => {
    b.disabled = true;
    try { await run(); } finally { b.disabled = false; }
  });
  return b;
}

/** A person as "Display name (username)", as text. */
export function who(user) {
  if (!user) return '—';
  return user.displayName && user.displayName !== user.username
    ? `${user.displayName} (${user.username})` : user.username;
}

/** A timestamp in the browser's locale, as text. */
export function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '—';
}

/** Bits per second in kbit/s or Mbit/s. */
export function bitrate(bps) {
  if (!bps) return '0';
  return bps >= 1e6 ? `${(bps / 1e6).toFixed(1)} Mbit/s` : `${Math.round(bps / 1e3)} kbit/s`;
}
