/** The {@code java -jar advmusic.jar} command line, experiment configs, results and reports. */
package org.advmusic.experiments;
