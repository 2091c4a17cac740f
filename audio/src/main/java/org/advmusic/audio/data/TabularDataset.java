package org.advmusic.audio.data;

import java.util.List;

/**
 * Feature vectors for the MLP path: (N, F) with named columns.
 *
 * @param data           (N, F) row-major
 * @param featureNames   (F) column names
 * @param labels         (N) class indices
 * @param trackIds       (N) track of each row
 * @param segmentIndices (N) segment of the row within its track (0 for whole-track rows)
 * @param classNames     class names in label order
 */
public record TabularDataset(float[] data, List<String> featureNames, int[] labels, String[] trackIds,
                             int[] segmentIndices, List<String> classNames)
        implements LabeledDataset<TabularDataset> {

    public TabularDataset {
        featureNames = List.copyOf(featureNames);
        classNames = List.copyOf(classNames);
        int n = labels.length;
        Rows.requireLength("data (values)", data.length, n * featureNames.size());
        Rows.requireLength("trackIds", trackIds.length, n);
        Rows.requireLength("segmentIndices", segmentIndices.length, n);
    }

    /** Number of features F. */
    public int featureCount() {
        return featureNames.size();
    }

    @Override
    public int[] sampleShape() {
        return new int[] {featureNames.size()};
    }

    @Override
    public TabularDataset select(int[] indices) {
        return new TabularDataset(Rows.select(data, featureNames.size(), indices), featureNames,
                Rows.select(labels, indices), Rows.select(trackIds, indices), Rows.select(segmentIndices, indices),
                classNames);
    }

    /** The same rows with {@code newData} (N, F) in place of the features. */
    public TabularDataset withData(float[] newData) {
        return new TabularDataset(newData, featureNames, labels, trackIds, segmentIndices, classNames);
    }

    /** Value of feature {@code column} in row {@code row}. */
    public float value(int row, int column) {
        return data[row * featureNames.size() + column];
    }
}
