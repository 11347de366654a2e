/**
 * The REST API under {@code /api}: thin JAX-RS resources (one per aggregate) that translate JSON to
 * service calls and back, bearer-token authentication, and the mapping of every failure to a JSON
 * problem body {@code {status, title, detail}}.
 *
 * <p>May depend on {@code im} and {@code wire} (the JSON shapes it shares with the socket); never
 * on {@code signaling} or {@code media}.
 */
package dev.chorus.api;
