package org.advmusic.experiments.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.advmusic.attacks.AttackResult;
import org.advmusic.attacks.Fmn;
import org.advmusic.attacks.InputBox;
import org.advmusic.attacks.Norm;
import org.advmusic.attacks.Pgd;
import org.advmusic.attacks.ThreatModel;
import org.advmusic.engine.Backends;
import org.advmusic.engine.Tensor;
import org.advmusic.experiments.config.InstrumentsConfig;
import org.advmusic.experiments.results.InstrumentResults;
import org.advmusic.nn.svm.SvcDecisionClassifier;
import org.advmusic.nn.svm.SvcModel;

/**
 * White-box attacks on the instrument SVC in the feature domain: PGD (Linf) at each budget and FMN
 * (L2, minimum norm) on the standardised feature vectors of the correctly classified test files,
 * through the SVC's differentiable decision function (float64 reference backend). Budgets are in
 * standard deviations of the training features; the box [-50, 50] only keeps values finite.
 */
final class InstrumentFeatureAttacks {
    private static final InputBox FEATURE_BOX = new InputBox(-50, 50);

    private InstrumentFeatureAttacks() {
    }

    static List<InstrumentResults.FeatureAttack> run(InstrumentsConfig.FeatureAttackConfig config, SvcModel model,
                                                     double[][] testX, int[] labels, int[] predictions, long seed) {
        int[] rows = java.util.stream.IntStream.range(0, labels.length).filter(i -> predictions[i] == labels[i]).toArray();
        List<InstrumentResults.FeatureAttack> out = new ArrayList<>();
        if (rows.length == 0) {
            return out;
        }
        int features = testX[0].length;
        Tensor inputs = Tensor.fromArray(Backends.reference(),
                Arrays.stream(rows).mapToObj(r -> testX[r]).flatMapToDouble(Arrays::stream).toArray(), rows.length, features);
        int[] truth = Arrays.stream(rows).map(r -> labels[r]).toArray();
        SvcDecisionClassifier classifier = new SvcDecisionClassifier(model, Backends.reference());
        for (double epsilon : config.epsilons()) {
            Pgd pgd = new Pgd(ThreatModel.untargeted(Norm.LINF, epsilon).withBox(FEATURE_BOX),
                    new Pgd.Settings(config.pgdSteps(), 2.5 / config.pgdSteps(), true, 1, false, seed));
            out.add(summary(pgd.run(classifier, inputs, truth), epsilon, Norm.LINF));
        }
        Fmn fmn = new Fmn(ThreatModel.untargeted(Norm.L2, Double.POSITIVE_INFINITY).withBox(FEATURE_BOX),
                Fmn.Settings.standard(config.fmnSteps()));
        out.add(summary(fmn.run(classifier, inputs, truth), Double.NaN, Norm.L2));
        return out;
    }

    private static InstrumentResults.FeatureAttack summary(AttackResult result, double epsilon, Norm norm) {
        double[] norms = java.util.stream.IntStream.range(0, result.size()).filter(result::succeeded)
                .mapToDouble(i -> norm == Norm.L2 ? result.l2()[i] : result.linf()[i]).sorted().toArray();
        double median = norms.length == 0 ? Double.NaN
                : norms.length % 2 == 1 ? norms[norms.length / 2] : (norms[norms.length / 2 - 1] + norms[norms.length / 2]) / 2;
        return new InstrumentResults.FeatureAttack(result.attack(), epsilon, result.attempted(), result.successRate(), median);
    }
}
