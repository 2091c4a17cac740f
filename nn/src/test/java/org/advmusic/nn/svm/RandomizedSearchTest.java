package org.advmusic.nn.svm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Stratified folds and cross-validation against scikit-learn; the randomized search's bookkeeping. */
class RandomizedSearchTest {
    private static final List<String> NAMES = List.of("cel", "cla", "flu");

    private static JsonNode crossValidationFixture() throws IOException {
        try (InputStream in = RandomizedSearchTest.class.getResourceAsStream("/svm/cv-three-class.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void foldsAreScikitLearnsStratifiedKFold() throws IOException {
        JsonNode fixture = crossValidationFixture();
        int[] labels = SklearnFixture.ints(fixture.get("uneven_labels"));
        int[] folds = StratifiedKFold.assign(labels, 5, null, StratifiedKFold.namesOf(NAMES));
        assertArrayEquals(SklearnFixture.ints(fixture.get("uneven_folds")), folds);
    }

    @Test
    void shuffledFoldsKeepEachClassQuota() {
        int[] labels = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2};
        int[] plain = StratifiedKFold.assign(labels, 5, null, StratifiedKFold.namesOf(NAMES));
        int[] shuffled = StratifiedKFold.assign(labels, 5, 7L, StratifiedKFold.namesOf(NAMES));
        for (int label = 0; label < 3; label++) {
            for (int fold = 0; fold < 5; fold++) {
                assertEquals(count(labels, plain, label, fold), count(labels, shuffled, label, fold));
            }
        }
        assertArrayEquals(shuffled, StratifiedKFold.assign(labels, 5, 7L, StratifiedKFold.namesOf(NAMES)));
    }

    @Test
    void aClassWithFewerSamplesThanFoldsIsNamed() {
        int[] labels = {0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StratifiedKFold.assign(labels, 5, null, StratifiedKFold.namesOf(NAMES)));
        assertTrue(e.getMessage().contains("'cla'") && e.getMessage().contains("3 samples"), e.getMessage());
    }

    @Test
    void foldAccuraciesAreScikitLearnsCrossValScore() throws IOException {
        JsonNode fixture = crossValidationFixture();
        SklearnFixture data = SklearnFixture.load("three-class");
        int[] folds = StratifiedKFold.assign(data.yTrain(), 5, null, StratifiedKFold.namesOf(NAMES));
        SvcParameters parameters = SvcParameters.of(fixture.get("C").asDouble(), fixture.get("gamma").asDouble());
        double[] expected = SklearnFixture.doubles(fixture.get("fold_accuracy"));
        for (long budget : new long[] {0, 1L << 30}) { // entries computed one by one, rows stored
            KernelRows kernel = new KernelRows(data.xTrain(), parameters.gamma(), budget, 2);
            for (int f = 0; f < 5; f++) {
                assertEquals(expected[f], RandomizedSearch.foldAccuracy(kernel, data.yTrain(), folds, f, parameters),
                        1e-12, "fold " + f + ", kernel budget " + budget);
            }
        }
    }

    @Test
    void searchRanksCandidatesAndRefitsTheBest() {
        SklearnFixture data = SklearnFixture.load("three-class");
        AtomicInteger fits = new AtomicInteger();
        RandomizedSearch.Result one = RandomizedSearch.run(data.xTrain(), data.yTrain(), SearchSpace.seedStudy(), 6, 3,
                11L, 1, StratifiedKFold.namesOf(NAMES), n -> fits.incrementAndGet());
        RandomizedSearch.Result two = RandomizedSearch.run(data.xTrain(), data.yTrain(), SearchSpace.seedStudy(), 6, 3,
                11L, 2, StratifiedKFold.namesOf(NAMES), null);
        assertEquals(18, fits.get());
        assertEquals(6, one.candidates().size());
        double bestMean = one.candidates().stream().mapToDouble(CandidateScore::mean).max().orElseThrow();
        assertEquals(bestMean, one.best().mean(), 0.0);
        assertEquals(1, one.best().rank());
        for (int i = 0; i < 6; i++) {
            CandidateScore a = one.candidates().get(i);
            assertTrue(a.parameters().c() >= 0.1 && a.parameters().c() < 20.1, "C " + a.parameters().c());
            assertTrue(List.of(0.1, 1.0, 10.0, 100.0).contains(a.parameters().gamma()));
            assertArrayEquals(a.foldAccuracies(), two.candidates().get(i).foldAccuracies(), 0.0);
        }
        assertEquals(one.best().parameters().c(), one.refit().c(), 0.0);
        assertArrayEquals(one.refit().supportIndices(), two.refit().supportIndices());
    }

    private static int count(int[] labels, int[] folds, int label, int fold) {
        int n = 0;
        for (int i = 0; i < labels.length; i++) {
            n += labels[i] == label && folds[i] == fold ? 1 : 0;
        }
        return n;
    }
}
