/**
 * 1:1 calls: the {@link dev.chorus.im.call.Call} aggregate owns the state machine (ring, accept on
 * one of the callee's tabs, decline, cancel, busy, unavailable, no answer, hang up, connection
 * lost; one call per user at a time), {@code Calls} keeps the calls in progress, and {@link
 * dev.chorus.im.call.CallService} coordinates: it applies a transition under the registry's lock,
 * then fires {@link dev.chorus.im.call.CallEvent}s saying who must be told what, and records each
 * ended call in the conversation's history. Tabs are opaque ids; the edge that knows them supplies
 * {@link dev.chorus.im.call.OpenTabs}.
 *
 * <p>Depends on {@code im.account}, {@code im.chat} and {@code im.common}; knows nothing of
 * sockets.
 */
package dev.chorus.im.call;
