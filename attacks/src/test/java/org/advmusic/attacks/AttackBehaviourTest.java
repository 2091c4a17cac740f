package org.advmusic.attacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.advmusic.engine.Autograd;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.Classifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Properties every attack must have on a small trained non-linear model. */
class AttackBehaviourTest {
    private static final Backend R = Backends.reference();
    private static TrainedMlp model;
    private static Tensor x;
    private static int[] labels;

    @BeforeAll
    static void trainModel() {
        model = TrainedMlp.train(R, 8, 4, 80, 5);
        assertTrue(model.accuracy() > 0.95, "precondition: the model learned its data, accuracy " + model.accuracy());
        x = model.inputs.narrow(0, 0, 24);
        labels = java.util.Arrays.copyOf(model.labels, 24);
    }

    private static List<Attack> attacks(ThreatModel linf, ThreatModel l2) {
        return List.of(new Fgsm(linf), new Fgsm(l2), new Pgd(linf, Pgd.Settings.madry(10)),
                new Pgd(l2, Pgd.Settings.madry(10)),
                new Fmn(linf.withEpsilon(Double.POSITIVE_INFINITY), Fmn.Settings.standard(30)),
                new Fmn(l2.withEpsilon(Double.POSITIVE_INFINITY), Fmn.Settings.standard(30)),
                new Ddn(l2.withEpsilon(Double.POSITIVE_INFINITY), Ddn.Settings.standard(30)),
                new GeneticAttack(linf, GeneticAttack.Settings.standard(400, GeneticAttack.Feedback.SCORES, 1)));
    }

    @Test
    void attacksLeaveTheModelsWeightsBitIdentical() {
        double[][] before = new double[model.parameters.length][];
        for (int p = 0; p < before.length; p++) {
            before[p] = model.parameters[p].toDoubleArray();
        }
        for (Attack attack : attacks(ThreatModel.untargeted(Norm.LINF, 0.1), ThreatModel.untargeted(Norm.L2, 0.3))) {
            attack.run(model, x, labels);
        }
        for (int p = 0; p < before.length; p++) {
            assertArrayEquals(before[p], model.parameters[p].toDoubleArray(), 0, "parameter " + p + " changed");
            assertNull(model.parameters[p].grad(), "an attack wrote a parameter gradient");
        }
    }

    @Test
    void pgdStepFollowsTheThreatModelsEpsilon() {
        // one step of half the budget from the clean input: the step must scale with withEpsilon's budget
        Pgd.Settings settings = Pgd.Settings.madry(1).withStepPerEpsilon(0.5).withoutRandomStart();
        ThreatModel wide = new ThreatModel(Norm.LINF, 0.1, new InputBox(-10, 10), Targeting.untargeted());
        for (double eps : new double[] {0.1, 0.02}) {
            AttackResult result = new Pgd(wide.withEpsilon(eps), settings).run(model, x, labels);
            for (int i = 0; i < labels.length; i++) {
                if (result.status()[i] != SampleStatus.ALREADY_MISCLASSIFIED) {
                    assertEquals(0.5 * eps, result.linf()[i], 1e-9, "sample " + i + " at eps " + eps);
                }
            }
        }
    }

    @Test
    void untargetedSuccessAlwaysMeansAChangedPrediction() {
        for (Attack attack : attacks(ThreatModel.untargeted(Norm.LINF, 0.05), ThreatModel.untargeted(Norm.L2, 0.15))) {
            AttackResult result = attack.run(model, x, labels);
            int[] predicted = model.logits(result.adversarial()).argmaxLastAxis();
            for (int i = 0; i < labels.length; i++) {
                if (result.succeeded(i)) {
                    assertNotEquals(labels[i], predicted[i], attack.name() + " sample " + i);
                    assertEquals(predicted[i], result.adversarialPredictions()[i]);
                } else if (predicted[i] == labels[i]) {
                    assertTrue(result.status()[i] == SampleStatus.FAILED || result.status()[i] == SampleStatus.INVALID_OUTPUT);
                }
            }
        }
    }

    @Test
    void successIsVerifiedNotTakenOnTrust() {
        Attack liar = new AbstractAttack(ThreatModel.untargeted(Norm.LINF, 0.1)) {
            @Override
            public String name() {
                return "does-nothing";
            }

            @Override
            protected CoreResult attack(Classifier m, Tensor inputs, int[] l, int[] t) {
                int n = l.length;
                return new CoreResult(inputs.copy(), new long[n], new long[n], new int[n], new boolean[n]);
            }
        };
        AttackResult result = liar.run(model, x, labels);
        assertEquals(0, result.successes());
        assertEquals(result.attempted(), labels.length - count(result, SampleStatus.ALREADY_MISCLASSIFIED));
    }

    @Test
    void targetedAttacksReachTheirTarget() {
        ThreatModel linf = new ThreatModel(Norm.LINF, 0.5, InputBox.UNIT, new Targeting.LeastLikely());
        ThreatModel l2 = new ThreatModel(Norm.L2, Double.POSITIVE_INFINITY, InputBox.UNIT, new Targeting.RandomOther(3));
        List<Attack> attacks = List.of(new Pgd(linf, Pgd.Settings.madry(40).withStepPerEpsilon(0.1)),
                new Fmn(l2, Fmn.Settings.standard(60)), new Ddn(l2, Ddn.Settings.standard(100)),
                new GeneticAttack(linf, GeneticAttack.Settings.standard(2000, GeneticAttack.Feedback.SCORES, 2)));
        for (Attack attack : attacks) {
            AttackResult result = attack.run(model, x, labels);
            int[] predicted = model.logits(result.adversarial()).argmaxLastAxis();
            for (int i = 0; i < labels.length; i++) {
                assertNotEquals(labels[i], result.targets()[i]);
                if (result.status()[i] != SampleStatus.ALREADY_AT_TARGET) {
                    assertEquals(SampleStatus.SUCCEEDED, result.status()[i], attack.name() + " sample " + i);
                    assertEquals(result.targets()[i], predicted[i], attack.name() + " sample " + i);
                }
            }
        }
    }

    @Test
    void pgdIteratesStayInsideTheBallAndTheBox() {
        for (long seed = 0; seed < 4; seed++) {
            Tensor inputs = Tensor.rand(R, 100 + seed, Shape.of(12, 8));
            int[] truth = model.logits(inputs).argmaxLastAxis();
            for (Norm norm : Norm.values()) {
                double eps = norm == Norm.LINF ? 0.07 : 0.2;
                BallChecker spy = new BallChecker(model, inputs, norm, eps);
                new Pgd(ThreatModel.untargeted(norm, eps), earlyStopIf(Pgd.Settings.madry(8).withStepPerEpsilon(0.5).withRestarts(2).withSeed(seed), seed % 2 == 0))
                        .run(spy, inputs, truth);
                assertTrue(spy.calls > 8, "the spy saw every iterate");
            }
        }
    }

    @Test
    void minimumNormAttacksBeatFixedEpsilonAtTheirOwnNorm() {
        AttackResult fmn = new Fmn(ThreatModel.untargeted(Norm.L2, Double.POSITIVE_INFINITY), Fmn.Settings.standard(60))
                .run(model, x, labels);
        for (int i = 0; i < labels.length; i++) {
            if (fmn.succeeded(i)) { // PGD at 1.1 x FMN's norm also finds an adversarial example
                double eps = fmn.l2()[i] * 1.1;
                AttackResult pgd = new Pgd(ThreatModel.untargeted(Norm.L2, eps), Pgd.Settings.madry(40).withStepPerEpsilon(0.125).withoutRandomStart().withEarlyStop())
                        .run(model, x.selectRowsDetached(i), new int[] {labels[i]});
                assertTrue(pgd.succeeded(0), "sample " + i + " at eps " + eps);
            }
        }
    }

    @Test
    void geneticAttackSucceedsWithinItsBudgetAndCountsQueries() {
        int budget = 1000;
        AttackResult result = new GeneticAttack(ThreatModel.untargeted(Norm.LINF, 0.3),
                GeneticAttack.Settings.standard(budget, GeneticAttack.Feedback.SCORES, 4)).run(model, x, labels);
        assertTrue(result.successRate() >= 0.9, "success rate " + result.successRate());
        for (int i = 0; i < labels.length; i++) {
            if (result.succeeded(i)) {
                assertTrue(result.queries()[i] > 0 && result.queries()[i] <= budget + 10, "queries " + result.queries()[i]);
                assertEquals(0, result.gradientEvaluations()[i]);
                assertTrue(result.linf()[i] <= 0.3 + 1e-9);
            }
        }
    }

    @Test
    void hardLabelModeUsesOnlyTheLabels() {
        Classifier labelsOnly = batch -> { // the same decisions, with every score but the winner's erased
            int[] predicted = model.logits(batch).argmaxLastAxis();
            double[] oneHot = new double[predicted.length * model.classes];
            for (int i = 0; i < predicted.length; i++) {
                oneHot[i * model.classes + predicted[i]] = 1;
            }
            return Tensor.fromArray(R, oneHot, predicted.length, model.classes);
        };
        GeneticAttack attack = new GeneticAttack(ThreatModel.untargeted(Norm.LINF, 0.3),
                GeneticAttack.Settings.standard(1500, GeneticAttack.Feedback.LABELS, 8));
        AttackResult withScores = attack.run(model, x, labels);
        AttackResult withLabels = attack.run(labelsOnly, x, labels);
        assertArrayEquals(withScores.adversarial().toDoubleArray(), withLabels.adversarial().toDoubleArray(), 0);
        assertArrayEquals(withScores.queries(), withLabels.queries());
        assertTrue(withLabels.successRate() >= 0.7, "hard-label success rate " + withLabels.successRate());
    }

    private static int count(AttackResult r, SampleStatus s) {
        int n = 0;
        for (SampleStatus t : r.status()) {
            n += t == s ? 1 : 0;
        }
        return n;
    }

    /** A model wrapper that checks every input it is given against the ball around the clean batch and the box. */
    private static final class BallChecker implements Classifier {
        private final Classifier inner;
        private final double[] clean;
        private final Norm norm;
        private final double eps;
        private final int features;
        int calls;

        BallChecker(Classifier inner, Tensor clean, Norm norm, double eps) {
            this.inner = inner;
            this.clean = clean.toDoubleArray();
            this.norm = norm;
            this.eps = eps;
            this.features = clean.size() / clean.dim(0);
        }

        @Override
        public Tensor logits(Tensor batch) {
            calls++;
            double[] v;
            try (var ignored = Autograd.noGrad()) {
                v = batch.toDoubleArray();
            }
            int rows = batch.dim(0);
            List<Double> distances = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                double best = Double.POSITIVE_INFINITY; // the batch may be a subset: the nearest clean row is its origin
                for (int c = 0; c < clean.length / features; c++) {
                    double d = 0;
                    for (int j = 0; j < features; j++) {
                        double diff = v[r * features + j] - clean[c * features + j];
                        d = norm == Norm.LINF ? Math.max(d, Math.abs(diff)) : d + diff * diff;
                        assertTrue(v[r * features + j] >= 0 && v[r * features + j] <= 1, "left the box: " + v[r * features + j]);
                    }
                    best = Math.min(best, norm == Norm.LINF ? d : Math.sqrt(d));
                }
                distances.add(best);
                assertTrue(best <= eps * (1 + 1e-9), norm + " distance " + best + " > eps " + eps);
            }
            return inner.logits(batch);
        }
    }

    private static Pgd.Settings earlyStopIf(Pgd.Settings settings, boolean earlyStop) {
        return earlyStop ? settings.withEarlyStop() : settings;
    }
}
