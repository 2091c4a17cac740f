package org.advmusic.audio.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads GTZAN's {@code features_3_sec.csv} and {@code features_30_sec.csv}: a header
 * {@code filename,length,<57 features>,label}, then one row per 3 s segment ({@code blues.00000.3.wav})
 * or per track ({@code blues.00000.wav}). The features are every column between {@code length} and
 * {@code label}; the track id is the file name without the segment index and extension
 * ({@code blues.00000}), the segment index is the part after it (0 for whole-track rows). Rows with
 * the wrong number of columns, a non-numeric or non-finite value or an empty label are reported
 * (file and line) and skipped.
 */
public final class GtzanFeaturesCsv {
    private GtzanFeaturesCsv() {
    }

    /**
     * @throws IOException when the file cannot be read or its header is not a GTZAN features header
     */
    public static LoadResult<TabularDataset> load(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new IOException(csv + ": empty file; expected a header 'filename,length,...,label'");
        }
        List<String> header = CsvFields.split(stripBom(lines.get(0)));
        if (header.size() < 4 || !header.get(0).strip().equals("filename") || !header.get(1).strip().equals("length")
                || !header.get(header.size() - 1).strip().equals("label")) {
            throw new IOException(csv + ": header " + header + " is not 'filename,length,<features>,label'");
        }
        List<String> featureNames = header.subList(2, header.size() - 1).stream().map(String::strip).toList();
        LoadReport report = new LoadReport();
        List<float[]> rows = new ArrayList<>();
        List<String> rowLabels = new ArrayList<>();
        List<String> trackIds = new ArrayList<>();
        List<Integer> segmentIndices = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            try {
                List<String> fields = CsvFields.split(line);
                if (fields.size() != header.size()) {
                    throw new IllegalArgumentException(fields.size() + " columns; the header has " + header.size());
                }
                String label = fields.get(fields.size() - 1).strip();
                if (label.isEmpty()) {
                    throw new IllegalArgumentException("empty label");
                }
                float[] values = new float[featureNames.size()];
                for (int c = 0; c < values.length; c++) {
                    values[c] = CsvFields.number(fields.get(c + 2), featureNames.get(c));
                }
                String[] track = trackAndSegment(fields.get(0).strip());
                rows.add(values);
                rowLabels.add(label);
                trackIds.add(track[0]);
                segmentIndices.add(Integer.parseInt(track[1]));
            } catch (IllegalArgumentException e) {
                report.problem(csv, "line " + (i + 1) + ": " + e.getMessage() + "; row skipped");
            }
        }
        List<String> classNames = Rows.classNames(rowLabels);
        return new LoadResult<>(new TabularDataset(Rows.flatten(rows, featureNames.size()), featureNames,
                Rows.labels(rowLabels, classNames), trackIds.toArray(String[]::new),
                Rows.toArray(segmentIndices), classNames), report);
    }

    /**
     * {@code blues.00000.3.wav} -> (blues.00000, 3); {@code blues.00000.wav} -> (blues.00000, 0): the
     * last dot-separated number is a segment index only if a dot remains before it.
     */
    static String[] trackAndSegment(String fileName) {
        String name = fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".wav")
                ? fileName.substring(0, fileName.length() - 4) : fileName;
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty filename");
        }
        int lastDot = name.lastIndexOf('.');
        if (lastDot > 0 && name.substring(0, lastDot).contains(".") && name.substring(lastDot + 1).matches("\\d+")) {
            return new String[] {name.substring(0, lastDot), name.substring(lastDot + 1)};
        }
        return new String[] {name, "0"};
    }

    private static String stripBom(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }
}
