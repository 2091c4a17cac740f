/**
 * The float64 reference backend: every primitive as a plain, readable loop. It is the oracle of the
 * gradient checks and of the parity tests of the fast backends, and the version to read first.
 */
package org.advmusic.engine.backend.reference;
