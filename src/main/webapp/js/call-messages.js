// What the page says about a call that ended, from this side's point of view.

import { clock } from './call-view.js';

export const nameOf = (user) => user?.displayName || user?.username || 'The other person';

/** What the page says when a call ends, from this side's point of view. */
export function endText(reason, call) {
  const name = nameOf(call.peer);
  const caller = call.role === 'caller';
  switch (reason) {
    case 'declined': return caller ? `${name} declined the call.` : '';
    case 'busy': return `${name} is busy in another call.`;
    case 'no_answer': return caller ? `No answer from ${name}.` : `Missed call from ${name}.`;
    case 'unavailable': return `${name} is not online right now.`;
    case 'cancelled': return caller ? 'Call cancelled.' : `Missed call from ${name} (cancelled).`;
    case 'answered_elsewhere': return 'Answered in another tab.';
    case 'hangup': return `${name} hung up.${call.startedAt ? ` Call lasted ${clock((Date.now() - call.startedAt) / 1000)}.` : ''}`;
    case 'hung_up_here': return `Call ended.${call.startedAt ? ` It lasted ${clock((Date.now() - call.startedAt) / 1000)}.` : ''}`;
    case 'connection_lost': return `Connection lost: ${name} dropped out of the call.`;
    case 'socket_lost': return 'Connection to the server lost: the call has ended.';
    case 'already_in_call': return 'You are already in a call (perhaps in another tab).';
    default: return reason;
  }
}

/** Why a call that was answered never connected, as far as this browser can tell. */
export function connectFailedText(candidateError) {
  if (candidateError && (candidateError.code === 401 || candidateError.code === 403)) {
    return 'Could not connect the call: the relay (TURN) server refused the credentials.';
  }
  return 'Could not connect the call: no network path between you and the other person was found.';
}
