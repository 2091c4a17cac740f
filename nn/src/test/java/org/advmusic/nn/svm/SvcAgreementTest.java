package org.advmusic.nn.svm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The C-SVC against scikit-learn 1.2.1's SVC on the same data and hyperparameters (fixtures made by
 * {@code make_svc_fixtures.py}): the same support vectors, coefficients and offsets, decision values
 * within 1e-3 and at least 99.5% identical predictions.
 */
class SvcAgreementTest {
    private static final double DECISION_TOLERANCE = 1e-3;

    @ParameterizedTest
    @ValueSource(strings = {"three-class", "binary", "eleven-class"})
    void agreesWithScikitLearn(String name) {
        SklearnFixture fixture = SklearnFixture.load(name);
        for (SklearnFixture.Fit expected : fixture.fits()) {
            String label = name + " C=" + expected.c() + " gamma=" + expected.gamma();
            SvcModel model = SvcTrainer.fit(fixture.xTrain(), fixture.yTrain(),
                    SvcParameters.of(expected.c(), expected.gamma()).withThreads(2));
            assertArrayEquals(expected.classes(), model.classes(), label + ": classes");
            assertArrayEquals(expected.support(), model.supportIndices(), label + ": support vectors");
            assertArrayEquals(expected.supportCounts(), model.supportCounts(), label + ": support counts");
            for (int r = 0; r < expected.libsvmDualCoef().length; r++) {
                assertArrayEquals(expected.libsvmDualCoef()[r], model.dualCoefficients()[r], DECISION_TOLERANCE,
                        label + ": dual coefficients row " + r);
            }
            for (int p = 0; p < model.rho().length; p++) {
                assertEquals(expected.libsvmIntercept()[p], -model.rho()[p], DECISION_TOLERANCE, label + ": rho " + p);
            }
            int same = 0;
            double[][] xTest = fixture.xTest();
            for (int n = 0; n < xTest.length; n++) {
                assertArrayEquals(expected.decisionOvo()[n], model.pairwiseDecisions(xTest[n]), DECISION_TOLERANCE,
                        label + ": one-vs-one decisions of test point " + n);
                if (expected.decisionOvr() != null) {
                    assertArrayEquals(expected.decisionOvr()[n], model.decisionFunction(xTest[n]), DECISION_TOLERANCE,
                            label + ": one-vs-rest decisions of test point " + n);
                }
                same += model.predict(xTest[n]) == expected.predictions()[n] ? 1 : 0;
            }
            assertTrue(same >= 0.995 * xTest.length, label + ": " + same + " of " + xTest.length + " predictions agree");
        }
    }
}
