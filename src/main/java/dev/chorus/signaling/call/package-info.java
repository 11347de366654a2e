/**
 * 1:1 calls on the socket: {@link dev.chorus.signaling.call.CallHandler} reads {@code call.*}
 * messages, calls the domain's {@code im.call.CallService} and answers the tab that asked; {@link
 * dev.chorus.signaling.call.CallPusher} turns the domain's call events into pushes. The state
 * machine itself lives in {@code im.call}. Media flows browser to browser; the server only relays
 * {@code call.signal} between the two tabs of an active call and records history.
 *
 * <p>Depends on {@code signaling} (connections, envelopes) and {@code im}.
 */
package dev.chorus.signaling.call;
