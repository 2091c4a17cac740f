package org.advmusic.experiments.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.advmusic.experiments.results.FeaturePerturbationMetrics;
import org.advmusic.experiments.results.RobustnessMetrics;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYSeries;

/** The tabular perturbation figures draw exactly the recorded perturbations. */
class FeaturePerturbationFiguresTest {
    private static final List<String> NAMES = List.of("tempo", "rms_mean", "mfcc1_mean", "zero_crossing_rate_mean");
    private static final FeaturePerturbationMetrics.Example EXAMPLE =
            new FeaturePerturbationMetrics.Example(0, "rock", "metal", new double[] {-0.1, 1, -10, -0.05});
    private static final FeaturePerturbationMetrics ATTACK = new FeaturePerturbationMetrics("FGSM", "Linf eps=0.1",
            "share of the feature's training range", 3, 2, NAMES, new double[] {2, 4, 0.5, 10}, new double[] {0.1, 1, 10, 0.05},
            List.of(EXAMPLE));

    @Test
    void anExamplesHistogramCountsItsFeaturesPerturbationsInBinsCentredOnNoChange() {
        XYSeries series = FeaturePerturbationFigures.exampleHistogram("t", "feature units", EXAMPLE).getSeriesMap()
                .get("features");

        // 12 bins over [-10, 10], 5/3 wide: -10 in bin 0, -0.1 and -0.05 in bin 5 [-0.83, 0.83), 1 in bin 6
        double[] edges = series.getXData();
        assertEquals(13, edges.length);
        assertEquals(-10, edges[0], 1e-12);
        assertEquals(10, edges[12], 1e-12);
        assertArrayEquals(new double[] {1, 0, 0, 0, 0, 2, 1, 0, 0, 0, 0, 0, 0}, series.getYData(),
                "counts per bin, the last repeated to close the final step");
    }

    @Test
    void theMeanChartNamesTheFeaturesLargestChangeFirst() {
        CategorySeries bars = FeaturePerturbationFigures.meanAbsoluteChart(ATTACK).getSeriesMap().get("FGSM");

        assertEquals(List.of("mfcc1_mean", "rms_mean", "tempo", "zero_crossing_rate_mean"), List.copyOf(bars.getXData()));
        assertEquals(List.of(10.0, 1.0, 0.1, 0.05), bars.getYData().stream().map(Number::doubleValue).toList());
    }

    @Test
    void theTableHoldsEveryFeaturesMean() {
        RobustnessMetrics robustness = new RobustnessMetrics("baseline", "h", 3L, List.of(), List.of(), List.of(),
                List.of(ATTACK));
        Table table = FeaturePerturbationFigures.table(robustness);

        assertEquals(4, table.rows().size());
        assertEquals(List.of("mfcc1_mean", 0.5, 10.0, 5.0), table.rows().get(2), "feature, range, share of it, feature units");
    }
}
