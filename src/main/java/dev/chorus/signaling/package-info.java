/**
 * The browser's one WebSocket, {@code /ws}: authenticates the tab by its session token, parses the
 * JSON envelope {@code {"type": ..., "id": ...}}, routes each message to a handler and pushes
 * server events (observed CDI events) to the right sockets.
 *
 * <p>May depend on {@code im}, {@code wire} (the JSON shapes it shares with the REST API) and (for
 * room media) {@code media.sfu}; never on {@code api}.
 */
package dev.chorus.signaling;
