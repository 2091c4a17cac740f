/** WAV I/O, the librosa-compatible log-mel front end, features, data-set loaders and the synthetic genre set. */
package org.advmusic.audio;
