package org.advmusic.attacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.advmusic.attacks.evaluation.FeaturePerturbations;
import org.advmusic.attacks.evaluation.Histogram;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.Tensor;
import org.junit.jupiter.api.Test;

/** Per-feature perturbations of a tabular model, on a linear model whose FGSM step is known exactly. */
class FeaturePerturbationsTest {
    private static final List<String> NAMES = List.of("tempo", "rms_mean", "mfcc1_mean", "zero_crossing_rate_mean");
    private final Backend r = Backends.reference();
    private final LinearBinaryClassifier model = new LinearBinaryClassifier(r, new double[] {2, -1, 0.5, 3}, 0);
    // margins: 0.2 and -0.3 flip under FGSM at eps 0.1 (|change| = 0.1 * ||w||_1 = 0.65); 5.0 does not
    private final Tensor x = Tensor.fromArray(r, new double[] {0.1, 0, 0, 0, 0, 0.3, 0, 0, 2.5, 0, 0, 0}, 3, 4);

    @Test
    void meansCoverTheSuccessfulSamplesInFeatureUnits() {
        AttackResult result = new Fgsm(new ThreatModel(Norm.LINF, 0.1, new InputBox(-10, 10), Targeting.untargeted()))
                .run(model, x, model.predictions(x));
        FeaturePerturbations p = FeaturePerturbations.of(result, NAMES, new double[] {1, 10, 100, 0.5}, 5, 4);

        assertEquals(2, p.samples(), "the third sample is too far from the boundary");
        assertArrayEquals(new double[] {0.1, 1, 10, 0.05}, p.meanAbsolute(), 1e-12);
        assertArrayEquals(new int[] {2, 1, 0, 3}, p.mostPerturbed());
        assertEquals("feature units", p.units());
        assertEquals(2, p.examples().size());
        FeaturePerturbations.Example first = p.examples().get(0);
        assertEquals(0, first.sample());
        // class 1 (s = 0.2 > 0) is attacked along -sign(w): (-0.1, +0.1, -0.1, -0.1) times the scales
        assertArrayEquals(new double[] {-0.1, 1, -10, -0.05}, first.perturbation(), 1e-12);
        assertEquals(4, first.histogram().total());
        assertTrue(p.threatModel().startsWith("Linf eps=0.1"), p.threatModel());
    }

    @Test
    void histogramsBinEqualWidthsAndSkipNonFiniteValues() {
        Histogram h = Histogram.of(new double[] {-1, -0.2, 0.2, 0.9, 5, Double.NaN}, 4, -1, 1);
        assertArrayEquals(new double[] {-1, -0.5, 0, 0.5, 1}, h.edges(), 1e-12);
        assertArrayEquals(new long[] {1, 1, 1, 2}, h.counts(), "5 falls into the last bin");
        assertEquals(1, h.skipped());
        assertThrows(IllegalArgumentException.class, () -> Histogram.of(new double[] {1}, 3, 1, 1));
    }

    @Test
    void namesThatDoNotFitTheInputsAreRefused() {
        AttackResult result = new Fgsm(ThreatModel.untargeted(Norm.LINF, 0.1).withBox(new InputBox(-10, 10)))
                .run(model, x, model.predictions(x));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeaturePerturbations.of(result, NAMES.subList(0, 3), null, 1, 4));
        assertTrue(e.getMessage().contains("(3, 4)") && e.getMessage().contains("3 feature names"), e.getMessage());
    }
}
