package org.advmusic.experiments.report;

/**
 * A written figure and where the report shows it.
 *
 * @param section where the report shows it
 * @param file    the PNG, relative to the run directory (for example {@code figures/training-baseline.png})
 * @param caption what it shows, including the threat model of any number under attack
 * @param group   figures with the same group are shown together in a collapsible block; null for none
 */
record Figure(Section section, String file, String caption, String group) {
}
