package org.advmusic.nn.svm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SvcTrainerTest {

    @Test
    void rejectsNonPositiveOrNonFiniteHyperparameters() {
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException c = assertThrows(IllegalArgumentException.class, () -> SvcParameters.of(bad, 0.1));
            assertTrue(c.getMessage().contains("C") && c.getMessage().contains(Double.toString(bad)), c.getMessage());
            IllegalArgumentException g = assertThrows(IllegalArgumentException.class, () -> SvcParameters.of(1, bad));
            assertTrue(g.getMessage().contains("gamma") && g.getMessage().contains(Double.toString(bad)), g.getMessage());
        }
    }

    @Test
    void rejectsNonFiniteFeaturesNamingTheRow() {
        double[][] x = {{0, 1}, {1, 0}, {Double.NaN, 2}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SvcTrainer.fit(x, new int[] {0, 1, 1}, SvcParameters.of(1, 1)));
        assertTrue(e.getMessage().contains("row 2") && e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void rejectsASingleClass() {
        double[][] x = {{0, 1}, {1, 0}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SvcTrainer.fit(x, new int[] {3, 3}, SvcParameters.of(1, 1)));
        assertTrue(e.getMessage().contains("[3]"), e.getMessage());
    }

    @Test
    void threadCountAndShrinkingDoNotChangeTheSolution() {
        SklearnFixture fixture = SklearnFixture.load("three-class");
        SvcParameters one = SvcParameters.of(1.0, 0.5);
        SvcModel reference = SvcTrainer.fit(fixture.xTrain(), fixture.yTrain(), one);
        SvcModel threaded = SvcTrainer.fit(fixture.xTrain(), fixture.yTrain(), one.withThreads(3));
        assertArrayEquals(reference.supportIndices(), threaded.supportIndices());
        assertArrayEquals(reference.rho(), threaded.rho(), 0.0);
        SvcModel unshrunk = SvcTrainer.fit(fixture.xTrain(), fixture.yTrain(),
                new SvcParameters(1.0, 0.5, 1e-3, 200, false, 1, false, 0));
        assertArrayEquals(reference.supportIndices(), unshrunk.supportIndices());
        for (int p = 0; p < reference.rho().length; p++) {
            assertEquals(reference.rho()[p], unshrunk.rho()[p], 1e-3);
        }
    }

    @Test
    void aTinyCacheGivesTheSameModel() {
        SklearnFixture fixture = SklearnFixture.load("eleven-class");
        SvcParameters roomy = SvcParameters.of(10.78, 0.1);
        SvcParameters tiny = new SvcParameters(10.78, 0.1, 1e-3, 0.01, true, 1, false, 0); // about 10 columns
        SvcModel a = SvcTrainer.fit(fixture.xTrain(), fixture.yTrain(), roomy);
        SvcModel b = SvcTrainer.fit(fixture.xTrain(), fixture.yTrain(), tiny);
        assertArrayEquals(a.supportIndices(), b.supportIndices());
        assertArrayEquals(a.rho(), b.rho(), 0.0);
    }

    @Test
    void storedKernelRowsGiveTheModelOfEntriesComputedOneByOne() {
        SklearnFixture fixture = SklearnFixture.load("eleven-class");
        SvcParameters parameters = SvcParameters.of(10.78, 0.1).withThreads(2);
        int[] all = java.util.stream.IntStream.range(0, fixture.yTrain().length).toArray();
        SvcModel stored = SvcTrainer.fit(new KernelRows(fixture.xTrain(), 0.1, 1L << 30, 2), all, fixture.yTrain(), parameters);
        SvcModel computed = SvcTrainer.fit(new KernelRows(fixture.xTrain(), 0.1, 0, 2), all, fixture.yTrain(), parameters);
        assertArrayEquals(computed.supportIndices(), stored.supportIndices());
        assertArrayEquals(computed.rho(), stored.rho(), 0.0);
        for (int r = 0; r < computed.dualCoefficients().length; r++) {
            assertArrayEquals(computed.dualCoefficients()[r], stored.dualCoefficients()[r], 0.0);
        }
    }

    @Test
    void aSubsetOfSharedKernelRowsGivesTheModelOfTheSubsetAlone() {
        SklearnFixture fixture = SklearnFixture.load("three-class");
        SvcParameters parameters = SvcParameters.of(1.0, 0.5);
        int[] subset = java.util.stream.IntStream.range(0, fixture.yTrain().length).filter(r -> r % 3 != 1).toArray();
        double[][] x = new double[subset.length][];
        int[] y = new int[subset.length];
        for (int i = 0; i < subset.length; i++) {
            x[i] = fixture.xTrain()[subset[i]];
            y[i] = fixture.yTrain()[subset[i]];
        }
        SvcModel alone = SvcTrainer.fit(x, y, parameters);
        SvcModel shared = SvcTrainer.fit(new KernelRows(fixture.xTrain(), 0.5, 1L << 30, 1), subset, y, parameters);
        assertArrayEquals(alone.supportIndices(), shared.supportIndices());
        assertArrayEquals(alone.rho(), shared.rho(), 0.0);
        for (int s = 0; s < alone.supportVectors().length; s++) {
            assertArrayEquals(alone.supportVectors()[s], shared.supportVectors()[s], 0.0);
        }
    }
}
