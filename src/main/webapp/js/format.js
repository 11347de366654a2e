// Times as people read them: "14:05" today, "Mon" this week, "12 Mar" this year, else a date.

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'short' });
const dayMonth = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const fullDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const full = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' });
const longDay = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });

const startOfDay = (d) => new Date(d.getFullYear(), d.getMonth(), d.getDate());
const DAY_MS = 86400000;

export function clockTime(iso) {
  return time.format(new Date(iso));
}

export function fullTime(iso) {
  return full.format(new Date(iso));
}

/** Short form for lists. */
export function shortTime(iso, now = new Date()) {
  const d = new Date(iso);
  const days = Math.round((startOfDay(now) - startOfDay(d)) / DAY_MS);
  if (days <= 0) return time.format(d);
  if (days < 7) return weekday.format(d);
  if (d.getFullYear() === now.getFullYear()) return dayMonth.format(d);
  return fullDate.format(d);
}

/** A day heading in a conversation: "Today", "Yesterday", "Monday, 12 March". */
export function dayHeading(iso, now = new Date()) {
  const d = new Date(iso);
  const days = Math.round((startOfDay(now) - startOfDay(d)) / DAY_MS);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  if (d.getFullYear() === now.getFullYear()) return longDay.format(d);
  return fullDate.format(d);
}

/** Local calendar day of a timestamp, as a key. */
export function dayKey(iso) {
  const d = new Date(iso);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

export const STATUS_TEXT = { online: 'Online', away: 'Away', dnd: 'Do not disturb', offline: 'Offline' };

function duration(ms) {
  const s = Math.max(0, Math.round((ms || 0) / 1000));
  const mm = String(Math.floor(s / 60) % 60);
  const ss = String(s % 60).padStart(2, '0');
  return s >= 3600 ? `${Math.floor(s / 3600)}:${mm.padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

/**
 * A call record ({media, outcome, durationMs}) as this user reads it: `outgoing` when they
 * called. The server's text is written for no side in particular ("Missed video call" is odd for
 * the caller), so it is only the fallback for an outcome this page does not know.
 */
export function callSummary(call, outgoing, fallback) {
  const kind = call.media === 'audio' ? 'audio call' : 'video call';
  const Kind = kind[0].toUpperCase() + kind.slice(1);
  switch (call.outcome) {
    case 'completed': return `${outgoing ? 'Outgoing' : 'Incoming'} ${kind} · ${duration(call.durationMs)}`;
    case 'missed': return outgoing ? `${Kind} · no answer` : `Missed ${kind}`;
    case 'declined': return outgoing ? `${Kind} · declined` : `Declined ${kind}`;
    case 'busy': return outgoing ? `${Kind} · busy` : `Missed ${kind} (you were in another call)`;
    case 'cancelled': return outgoing ? `${Kind} · cancelled` : `Missed ${kind}`;
    case 'failed': return `${Kind} · failed`;
    default: return fallback;
  }
}
