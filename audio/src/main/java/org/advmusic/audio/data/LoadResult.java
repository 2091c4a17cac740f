package org.advmusic.audio.data;

/**
 * What a loader returns: the data and the report of skipped inputs and caveats.
 *
 * @param <T> the data set type
 */
public record LoadResult<T>(T data, LoadReport report) {
}
