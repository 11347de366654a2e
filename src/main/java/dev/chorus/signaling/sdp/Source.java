package dev.chorus.signaling.sdp;

import java.util.Optional;

/**
 * One SSRC announced with {@code a=ssrc} lines (RFC 5576 §4.1), with its {@code cname} and {@code
 * msid} values. A query view built by {@link MediaDescription#sources()}.
 */
public record Source(long ssrc, Optional<String> cname, Optional<String> msid) {}
