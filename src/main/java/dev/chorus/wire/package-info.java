/**
 * The JSON shapes of domain objects that the REST API and the socket both send (a message, a room,
 * a user): each written once, as a record serialized by JSON-B, so {@code GET /api/...} and a
 * socket push cannot drift apart. {@link dev.chorus.wire.WireJson} turns a shape into the JSON-P
 * object the socket's envelopes are built from, with the same JSON-B rules the REST API uses.
 *
 * <p>Depends on the JDK, JSON-P/JSON-B and the {@code im} types it converts from; both {@code api}
 * and {@code signaling} may depend on it, it on neither.
 */
package dev.chorus.wire;
