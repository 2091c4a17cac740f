package org.advmusic.audio.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads LabROSA's Million Song Dataset genre table {@code msd_genre_dataset.txt}: lines starting with
 * '#' are comments, one line starting with '%' names the 34 columns ({@code genre,track_id,artist_name,
 * title,loudness,tempo,time_signature,key,mode,duration,avg_timbre1..12,var_timbre1..12}), then
 * comma-separated rows. Artist names and titles may contain commas, quoted or not, so a row is parsed
 * by the known column count: quoted fields are honoured, the first two fields are genre and track id,
 * the last 30 are numbers, and what lies between is artist and title (with unquoted extra commas, the
 * first field is taken as the artist and the rest, re-joined with commas, as the title). Malformed rows
 * are reported (file and line) and skipped.
 */
public final class MsdGenreTable {
    /** Columns in the table. */
    public static final int COLUMNS = 34;
    /** Numeric columns at the end of each row. */
    public static final int NUMERIC_COLUMNS = 30;

    private MsdGenreTable() {
    }

    /**
     * The table's tracks with their artist names and titles.
     *
     * @param data        the 30 numeric columns as features, genre as label, track_id as track id
     * @param artistNames (N) per row
     * @param titles      (N) per row
     */
    public record Tracks(TabularDataset data, String[] artistNames, String[] titles) {
    }

    /** @throws IOException when the file cannot be read or has no valid '%' header line */
    public static LoadResult<Tracks> load(Path table) throws IOException {
        List<String> lines = Files.readAllLines(table, StandardCharsets.UTF_8);
        List<String> featureNames = null;
        LoadReport report = new LoadReport();
        List<float[]> rows = new ArrayList<>();
        List<String> genres = new ArrayList<>();
        List<String> trackIds = new ArrayList<>();
        List<String> artists = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("%")) {
                List<String> header = CsvFields.split(line.substring(1)).stream().map(String::strip).toList();
                if (header.size() != COLUMNS) {
                    throw new IOException(table + ": line " + (i + 1) + ": the '%' header names " + header.size()
                            + " columns; expected " + COLUMNS);
                }
                featureNames = header.subList(COLUMNS - NUMERIC_COLUMNS, COLUMNS);
                continue;
            }
            if (featureNames == null) {
                throw new IOException(table + ": line " + (i + 1) + ": a data row before the '%' header line");
            }
            try {
                List<String> fields = CsvFields.split(line);
                if (fields.size() < COLUMNS) {
                    throw new IllegalArgumentException(fields.size() + " fields; expected " + COLUMNS);
                }
                int firstNumber = fields.size() - NUMERIC_COLUMNS;
                float[] values = new float[NUMERIC_COLUMNS];
                for (int c = 0; c < NUMERIC_COLUMNS; c++) {
                    values[c] = CsvFields.number(fields.get(firstNumber + c), featureNames.get(c));
                }
                String genre = fields.get(0).strip();
                String trackId = fields.get(1).strip();
                if (genre.isEmpty() || trackId.isEmpty()) {
                    throw new IllegalArgumentException("empty genre or track_id");
                }
                rows.add(values);
                genres.add(genre);
                trackIds.add(trackId);
                artists.add(fields.get(2).strip());
                titles.add(String.join(",", fields.subList(3, firstNumber)).strip());
            } catch (IllegalArgumentException e) {
                report.problem(table, "line " + (i + 1) + ": " + e.getMessage() + "; row skipped");
            }
        }
        if (featureNames == null) {
            throw new IOException(table + ": no '%' header line naming the " + COLUMNS + " columns");
        }
        List<String> classNames = Rows.classNames(genres);
        TabularDataset data = new TabularDataset(Rows.flatten(rows, NUMERIC_COLUMNS), featureNames,
                Rows.labels(genres, classNames), trackIds.toArray(String[]::new), new int[rows.size()], classNames);
        return new LoadResult<>(new Tracks(data, artists.toArray(String[]::new), titles.toArray(String[]::new)), report);
    }
}
