/**
 * HTTP concerns of the whole web application: sending plain-HTTP visitors to HTTPS and the security
 * headers every page carries.
 *
 * <p>Depends on the Servlet API and MicroProfile Config only.
 */
package dev.chorus.web;
