package org.advmusic.attacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.InPlace;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.ops.ScaleShift;
import org.advmusic.nn.Classifier;
import org.junit.jupiter.api.Test;

/** Each bad input gets an error that names the value and what was expected; a NaN model output is reported per sample. */
class AttackBadInputTest {
    private static final Backend R = Backends.reference();
    private final TrainedMlp model = TrainedMlp.train(R, 4, 3, 30, 9);
    private final Tensor x = model.inputs.narrow(0, 0, 6);
    private final int[] labels = java.util.Arrays.copyOf(model.labels, 6);

    @Test
    void epsilonMustBeANonNegativeNumber() {
        assertMessage(() -> ThreatModel.untargeted(Norm.LINF, -0.1), "epsilon is -0.1");
        assertMessage(() -> ThreatModel.untargeted(Norm.L2, Double.NaN), "epsilon is NaN");
        assertMessage(() -> new Pgd(ThreatModel.untargeted(Norm.LINF, Double.POSITIVE_INFINITY),
                Pgd.Settings.madry(10)), "finite");
        assertMessage(() -> Pgd.Settings.madry(0), "steps 0");
        assertMessage(() -> new Ddn(ThreatModel.untargeted(Norm.LINF, 1), Ddn.Settings.standard(10)), "L2 attack");
        assertMessage(() -> Norm.parse("l3"), "unknown norm 'l3'");
    }

    @Test
    void labelsMustBeInRangeAndMatchTheBatch() {
        Attack fgsm = new Fgsm(ThreatModel.untargeted(Norm.LINF, 0.1));
        assertMessage(() -> fgsm.run(model, x, new int[] {0, 1, 2, 0, 1, 7}), "label 7 of sample 5", "[0, 3)");
        assertMessage(() -> fgsm.run(model, x, new int[] {0, 1}), "2 labels for a batch of 6");
    }

    @Test
    void inputsOutsideTheBoxAreRefusedNotSilentlyClipped() {
        Tensor outside = x.add(2.0);
        assertMessage(() -> new Fgsm(ThreatModel.untargeted(Norm.LINF, 0.1)).run(model, outside, labels),
                "outside the input box [0.0, 1.0]");
    }

    @Test
    void aTargetEqualToTheTrueLabelIsAnError() {
        int[] targets = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            targets[i] = (labels[i] + 1) % 3;
        }
        int[] same = targets.clone();
        same[4] = labels[4];
        ThreatModel tm = new ThreatModel(Norm.LINF, 0.1, InputBox.UNIT, new Targeting.Given(same));
        assertMessage(() -> new Fgsm(tm).run(model, x, labels), "of sample 4 equals its true label");
        int[] outOfRange = targets.clone();
        outOfRange[2] = 9;
        ThreatModel bad = tm.withTargeting(new Targeting.Given(outOfRange));
        assertMessage(() -> new Fgsm(bad).run(model, x, labels), "target 9 of sample 2", "[0, 3)");
    }

    @Test
    void samplesWithNanOutputsAreReportedAndTheRunGoesOn() {
        // sample 2 sits alone at the corner 0 of the box; the model returns NaN for sample 1's clean
        // input and for any point near sample 2 other than sample 2 itself (NaN appears mid-attack)
        Tensor batch = InPlace.setRows(x.copy(), new int[] {2}, Tensor.zeros(R, Shape.of(1, 4)));
        int[] truth = model.logits(batch).argmaxLastAxis();
        double[] clean = batch.toDoubleArray();
        Classifier poisoned = input -> {
            Tensor logits = model.logits(input);
            double[] v = input.toDoubleArray();
            int classes = logits.dim(1);
            double[] mask = new double[logits.size()];
            for (int r = 0; r < input.dim(0); r++) {
                double fromSample1 = 0;
                double fromSample2 = 0;
                for (int j = 0; j < 4; j++) {
                    fromSample1 = Math.max(fromSample1, Math.abs(v[r * 4 + j] - clean[4 + j]));
                    fromSample2 = Math.max(fromSample2, Math.abs(v[r * 4 + j] - clean[8 + j]));
                }
                if (fromSample1 == 0 || fromSample2 > 0 && fromSample2 <= 0.25) {
                    java.util.Arrays.fill(mask, r * classes, (r + 1) * classes, Double.NaN);
                }
            }
            return logits.add(Tensor.fromArray(R, mask, logits.dim(0), classes));
        };
        for (Attack attack : new Attack[] {new Pgd(ThreatModel.untargeted(Norm.LINF, 0.05), Pgd.Settings.madry(5)),
                new Fmn(ThreatModel.untargeted(Norm.L2, Double.POSITIVE_INFINITY), Fmn.Settings.standard(10))}) {
            AttackResult result = attack.run(poisoned, batch, truth);
            assertEquals(SampleStatus.INVALID_OUTPUT, result.status()[1], attack.name() + ": NaN on the clean input");
            assertEquals(SampleStatus.INVALID_OUTPUT, result.status()[2], attack.name() + ": NaN during the attack");
            assertTrue(result.attempted() >= 3, attack.name() + " still attacked the other samples");
        }
    }

    @Test
    void aModelReturningTheWrongShapeIsNamed() {
        Classifier broken = batch -> ScaleShift.apply(Tensor.zeros(R, Shape.of(2, 2, 2)), 1, 0);
        assertMessage(() -> new Fgsm(ThreatModel.untargeted(Norm.LINF, 0.1)).run(broken, x, labels),
                "logits of shape (2, 2, 2)", "(6, classes)");
    }

    private static void assertMessage(Runnable action, String... fragments) {
        RuntimeException e = assertThrows(RuntimeException.class, action::run);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' lacks '" + f + "'");
        }
    }
}
