package org.advmusic.nn.svm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.testing.GradCheck;
import org.junit.jupiter.api.Test;

class SvcDecisionClassifierTest {

    @Test
    void logitsAreScikitLearnsOneVersusRestDecisionValues() {
        SklearnFixture fixture = SklearnFixture.load("three-class");
        SvcModel model = SvcTrainer.fit(fixture.xTrain(), fixture.yTrain(), SvcParameters.of(1.0, 0.5));
        SvcDecisionClassifier classifier = new SvcDecisionClassifier(model, GradCheck.reference());
        double[][] x = Arrays.copyOf(fixture.xTest(), 12);
        int features = model.featureCount();
        Tensor batch = Tensor.fromArray(GradCheck.reference(),
                Arrays.stream(x).flatMapToDouble(Arrays::stream).toArray(), x.length, features);
        double[] logits = classifier.logits(batch).toDoubleArray();
        double[] pairwise = classifier.pairwiseDecisions(batch).toDoubleArray();
        int k = model.classCount();
        int pairs = model.rho().length;
        for (int n = 0; n < x.length; n++) {
            assertArrayEquals(model.decisionFunction(x[n]), Arrays.copyOfRange(logits, n * k, n * k + k), 1e-12);
            assertArrayEquals(model.pairwiseDecisions(x[n]), Arrays.copyOfRange(pairwise, n * pairs, n * pairs + pairs),
                    1e-12);
        }
    }

    @Test
    void gradientOfTheDecisionFunction() {
        SklearnFixture fixture = SklearnFixture.load("three-class");
        SvcModel model = SvcTrainer.fit(fixture.xTrain(), fixture.yTrain(), SvcParameters.of(1.0, 0.5));
        SvcDecisionClassifier classifier = new SvcDecisionClassifier(model, GradCheck.reference());
        // test points away from decision boundaries and zero confidence sums (the kinks of votes and |s|)
        double[][] x = Arrays.copyOf(fixture.xTest(), 4);
        Tensor batch = Tensor.fromArray(GradCheck.reference(),
                Arrays.stream(x).flatMapToDouble(Arrays::stream).toArray(), x.length, model.featureCount());
        GradCheck.check("svc pairwise decisions", in -> classifier.pairwiseDecisions(in[0]), batch);
        GradCheck.check("svc one-vs-rest logits", in -> classifier.logits(in[0]), batch);
    }
}
