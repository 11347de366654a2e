/**
 * Container glue: the datasource declaration, CDI producers (clock, media engine), and MicroProfile
 * Config values handed to plain-Java parts.
 *
 * <p>May depend on every other Chorus package; nothing but CDI wiring depends on it.
 */
package dev.chorus.config;
