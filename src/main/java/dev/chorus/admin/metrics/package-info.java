/**
 * Metrics for Prometheus: a Micrometer {@code PrometheusMeterRegistry} of this deployment whose
 * gauges and function counters READ the figures the application keeps anyway (sockets, presence,
 * rooms, the media engine's counters, stored messages) at scrape time, so nothing is added to the
 * packet path; REST latency and login outcomes from a JAX-RS filter; {@code GET /api/metrics}
 * guarded by a scrape token and an address allow-list.
 *
 * <p>May depend on Micrometer, JAX-RS, {@code im} read-only figures, {@code signaling} and {@code
 * media.sfu} figures (through {@code config.MediaEngineProvider}), {@code api.dto.Problem} for the
 * OpenAPI error schema; nothing depends on this package.
 */
package dev.chorus.admin.metrics;
