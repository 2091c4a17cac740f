/** Loss functions. */
package org.advmusic.nn.losses;
