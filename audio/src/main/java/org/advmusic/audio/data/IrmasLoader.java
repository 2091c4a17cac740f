package org.advmusic.audio.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.advmusic.audio.features.SegmentSettings;

/**
 * Reads the IRMAS training set: one folder per predominant instrument ({@code cel cla flu gac gel org
 * pia sax tru vio voi}) of 3 s, 44.1 kHz stereo excerpts (mixed down and resampled by the
 * {@link ClassFolderLoader}), named like {@code 008__[cel][nod][cla]0058__1.wav}: the bracketed tags are
 * the instrument, the drums tag ({@code dru} or {@code nod}, absent for some files) and the genre
 * ({@code cla cou_fol jaz_blu lat_sou pop_roc}). Excerpts of one recording differ only in the final
 * {@code __N}, which is dropped from the track id so that a split keeps a recording together. Each
 * excerpt gives one segment (the loader's segment count is set to 1). A name whose first tag is not its
 * folder's instrument is noted.
 */
public final class IrmasLoader {
    private static final Pattern TAG = Pattern.compile("\\[([a-z_]+)]");
    private static final Pattern EXCERPT_SUFFIX = Pattern.compile("__\\d+\\.wav$", Pattern.CASE_INSENSITIVE);
    private static final Set<String> DRUM_TAGS = Set.of("dru", "nod");

    private IrmasLoader() {
    }

    /**
     * The excerpts and their tags.
     *
     * @param segments  log-mel segments labelled by instrument
     * @param genreTags (N) genre tag of each segment's file ("" when the name has none)
     * @param drumTags  (N) "dru", "nod" or "" when the name has none
     */
    public record Excerpts(SegmentDataset segments, String[] genreTags, String[] drumTags) {
        /** The excerpts at {@code indices}. */
        public Excerpts select(int[] indices) {
            return new Excerpts(segments.select(indices), Rows.select(genreTags, indices), Rows.select(drumTags, indices));
        }
    }

    /** Loads {@code root} (the folder of instrument folders) with {@code loader}'s settings. */
    public static LoadResult<Excerpts> load(Path root, ClassFolderLoader loader) throws IOException {
        SegmentSettings s = loader.segments();
        LoadResult<SegmentDataset> loaded = loader.withTrackIds(IrmasLoader::recordingOf)
                .withSegments(new SegmentSettings(s.segmentSamples(), 1, s.reference(), s.mapping()))
                .loadSegments(root);
        SegmentDataset data = loaded.data();
        String[] genres = new String[data.size()];
        String[] drums = new String[data.size()];
        Path classRoot = ClassFolderLoader.classRoot(root);
        for (int i = 0; i < data.size(); i++) {
            String source = data.sources()[i];
            List<String> tags = tags(source.substring(source.indexOf('/') + 1));
            String instrument = data.classNames().get(data.labels()[i]);
            genres[i] = "";
            drums[i] = "";
            if (data.segmentIndices()[i] == 0 && (tags.isEmpty() || !tags.get(0).equals(instrument))) {
                loaded.report().note(classRoot.resolve(source), "name tags " + tags
                        + " do not start with the folder's instrument '" + instrument + "'; labelled by the folder");
            }
            for (String tag : tags.subList(Math.min(1, tags.size()), tags.size())) {
                if (DRUM_TAGS.contains(tag)) {
                    drums[i] = tag;
                } else {
                    genres[i] = tag;
                }
            }
        }
        return new LoadResult<>(new Excerpts(data, genres, drums), loaded.report());
    }

    /** The bracketed tags of a file name, in order. */
    static List<String> tags(String fileName) {
        List<String> tags = new ArrayList<>();
        Matcher m = TAG.matcher(fileName);
        while (m.find()) {
            tags.add(m.group(1));
        }
        return tags;
    }

    /** {@code cel/008__[cel][nod][cla]0058__1.wav} -> {@code cel/008__[cel][nod][cla]0058}. */
    static String recordingOf(String relativePath) {
        return EXCERPT_SUFFIX.matcher(relativePath).replaceFirst("");
    }
}
