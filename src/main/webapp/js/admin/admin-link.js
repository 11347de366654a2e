// The "Admin" link in the main page's top bar, shown only to administrators: the server is asked
// (an admin-only endpoint answers 200), so nobody else ever sees it.

import { api } from '../api.js';

export async function showAdminLinkIfAdmin(link) {
  link.hidden = true;
  try {
    await api('GET', 'admin/sockets');
    link.hidden = false;
  } catch (e) {
    // 403 for everyone who is not an administrator: the link stays hidden.
  }
}
