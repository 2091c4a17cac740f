package org.advmusic.attacks.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.advmusic.attacks.Fgsm;
import org.advmusic.attacks.GeneticAttack;
import org.advmusic.attacks.GradientScan;
import org.advmusic.attacks.InputBox;
import org.advmusic.attacks.Norm;
import org.advmusic.attacks.Pgd;
import org.advmusic.attacks.Targeting;
import org.advmusic.attacks.ThreatModel;

/**
 * The evaluation checklist of Carlini et al. 2019 ("On Evaluating Adversarial Robustness"), computed:
 * each item is a measurement with a verdict (pass, or warn with the numbers), never a promise. A warn
 * does not prove a defense broken, but it says which number not to trust.
 */
public final class SanityChecklist {

    /** A check's outcome: INCONCLUSIVE when a number it needs is undefined (NaN) or the samples are too few. */
    public enum Verdict { PASS, WARN, INCONCLUSIVE }

    /** Fewer samples than this cannot resolve the checks: the checklist then says "not enough samples". */
    public static final int MINIMUM_SAMPLES = 10;

    /**
     * @param check   what was checked
     * @param verdict pass or warn
     * @param detail  the numbers in words
     * @param numbers the numbers
     */
    public record Item(String check, Verdict verdict, String detail, Map<String, Double> numbers) {
    }

    /**
     * All items.
     *
     * @param samples   the samples checked
     * @param tolerance the tolerance the checks used: the configured one, or one sample (1 / samples) when that is larger
     */
    public record Result(List<Item> items, int samples, double tolerance) {
        /** Whether every item passed. */
        public boolean allPass() {
            return items.stream().allMatch(i -> i.verdict() == Verdict.PASS);
        }
    }

    /**
     * @param norm          the threat model's norm
     * @param box           the input box
     * @param epsilon       the budget of the main comparison
     * @param steps         PGD steps at that budget
     * @param largeEpsilon  a budget at which any undefended model should fall (near-100% success)
     * @param epsilons      budgets for the monotonicity check, increasing
     * @param restarts      restarts compared with a single run
     * @param geneticBudget queries per sample of the gradient-free attack
     * @param tolerance     the largest accepted change (fraction of samples), e.g. 0.02
     * @param seed          seed of random starts and the genetic attack
     */
    public record Settings(Norm norm, InputBox box, double epsilon, int steps, double largeEpsilon, double[] epsilons,
                           int restarts, int geneticBudget, double tolerance, long seed) {
        /** Validates the settings. */
        public Settings {
            if (!(epsilon > 0) || !(largeEpsilon > epsilon) || steps < 1 || restarts < 2 || geneticBudget < 20
                    || !(tolerance >= 0 && tolerance < 1) || epsilons.length < 2) {
                throw new IllegalArgumentException("sanity checklist: epsilon " + epsilon + ", large epsilon " + largeEpsilon
                        + ", steps " + steps + ", restarts " + restarts + ", genetic budget " + geneticBudget + ", tolerance "
                        + tolerance + ", " + epsilons.length + " epsilons; expected 0 < epsilon < large epsilon, steps >= 1,"
                        + " restarts >= 2, budget >= 20, tolerance in [0, 1), at least two epsilons");
            }
            epsilons = epsilons.clone();
        }

        /**
         * Defaults around {@code epsilon} in {@code box}: budgets eps/2, eps, 2 eps for monotonicity; a large
         * epsilon of half the box width (Linf) or 50 eps (L2); 2 restarts; 2% tolerance.
         */
        public static Settings around(Norm norm, InputBox box, double epsilon, int steps, int geneticBudget, long seed) {
            double large = norm == Norm.LINF ? 0.5 * box.width() : 50 * epsilon;
            return new Settings(norm, box, epsilon, steps, large, new double[] {epsilon / 2, epsilon, 2 * epsilon}, 2,
                    geneticBudget, 0.02, seed);
        }
    }

    private SanityChecklist() {
    }

    /**
     * Runs every check on the evaluator's data set. A change smaller than one sample cannot be seen,
     * so the tolerance is at least {@code 1 / samples}; under {@link #MINIMUM_SAMPLES} samples the
     * checklist is one INCONCLUSIVE item saying so.
     */
    public static Result run(RobustnessEvaluator evaluator, Settings settings) {
        int samples = evaluator.size();
        double tolerance = Math.max(settings.tolerance(), 1.0 / samples);
        if (samples < MINIMUM_SAMPLES) {
            return new Result(List.of(new Item("enough samples to resolve the checks", Verdict.INCONCLUSIVE,
                    "not enough samples: " + samples + " (at least " + MINIMUM_SAMPLES + " needed)", Map.of("samples", (double) samples))),
                    samples, tolerance);
        }
        Settings s = new Settings(settings.norm(), settings.box(), settings.epsilon(), settings.steps(), settings.largeEpsilon(),
                settings.epsilons(), settings.restarts(), settings.geneticBudget(), tolerance, settings.seed());
        List<Item> items = new ArrayList<>();
        ThreatModel tm = new ThreatModel(s.norm(), s.epsilon(), s.box(), Targeting.untargeted());
        RobustnessReport pgd = evaluator.evaluate(pgd(tm, s.steps(), 1, s.seed()));
        RobustnessReport fgsm = evaluator.evaluate(new Fgsm(tm));
        items.add(item("iterative attack at least as strong as single-step", pgd.successRate() >= fgsm.successRate() - s.tolerance(),
                String.format(Locale.ROOT, "at eps %s: PGD success %.3f, FGSM success %.3f", s.epsilon(), pgd.successRate(),
                        fgsm.successRate()),
                "pgd_success", pgd.successRate(), "fgsm_success", fgsm.successRate()));

        Map<String, Double> curve = new LinkedHashMap<>();
        double previous = Double.NaN;
        boolean monotone = true;
        StringBuilder points = new StringBuilder();
        for (double eps : s.epsilons()) {
            double success = eps == s.epsilon() ? pgd.successRate() // the run above: no need to repeat it
                    : evaluator.evaluate(pgd(tm.withEpsilon(eps), s.steps(), 1, s.seed())).successRate();
            monotone &= Double.isNaN(previous) || success >= previous - s.tolerance();
            previous = success;
            curve.put("success_at_" + eps, success);
            points.append(String.format(Locale.ROOT, "%s%s: %.3f", points.length() == 0 ? "" : ", ", eps, success));
        }
        boolean defined = curve.values().stream().noneMatch(v -> Double.isNaN(v));
        items.add(new Item("success does not fall as epsilon grows", !defined ? Verdict.INCONCLUSIVE
                : monotone ? Verdict.PASS : Verdict.WARN, "PGD success by epsilon: " + points, curve));

        double large = evaluator.evaluate(pgd(tm.withEpsilon(s.largeEpsilon()), s.steps(), 1, s.seed())).successRate();
        items.add(item("near-100% success at a large epsilon", large >= 1 - s.tolerance(),
                String.format(Locale.ROOT, "PGD success at eps %s: %.3f (expected >= %.3f)", s.largeEpsilon(), large,
                        1 - s.tolerance()),
                "large_epsilon", s.largeEpsilon(), "success", large));

        RobustnessReport doubled = evaluator.evaluate(pgd(tm, 2 * s.steps(), 1, s.seed()));
        double stepChange = Math.abs(doubled.robustAccuracy() - pgd.robustAccuracy());
        items.add(item("doubling the steps changes robust accuracy by less than " + s.tolerance(), stepChange <= s.tolerance(),
                String.format(Locale.ROOT, "robust accuracy %.3f with %d steps, %.3f with %d", pgd.robustAccuracy(), s.steps(),
                        doubled.robustAccuracy(), 2 * s.steps()),
                "steps", s.steps(), "robust_accuracy", pgd.robustAccuracy(), "robust_accuracy_doubled_steps",
                doubled.robustAccuracy()));

        RobustnessReport restarted = evaluator.evaluate(pgd(tm, s.steps(), s.restarts(), s.seed() + 1));
        double restartGain = pgd.robustAccuracy() - restarted.robustAccuracy();
        items.add(item("restarts lower robust accuracy by less than " + s.tolerance(), restartGain <= s.tolerance(),
                String.format(Locale.ROOT, "robust accuracy %.3f with 1 run, %.3f with %d restarts", pgd.robustAccuracy(),
                        restarted.robustAccuracy(), s.restarts()),
                "robust_accuracy", pgd.robustAccuracy(), "robust_accuracy_restarts", restarted.robustAccuracy()));

        RobustnessReport genetic = evaluator.evaluate(new GeneticAttack(tm,
                GeneticAttack.Settings.standard(s.geneticBudget(), GeneticAttack.Feedback.SCORES, s.seed())));
        items.add(item("the gradient-free attack succeeds less than the white-box one",
                genetic.successRate() <= pgd.successRate() + s.tolerance(),
                String.format(Locale.ROOT, "genetic success %.3f (%d queries), PGD success %.3f", genetic.successRate(),
                        s.geneticBudget(), pgd.successRate()),
                "genetic_success", genetic.successRate(), "pgd_success", pgd.successRate()));

        int[] labels = evaluator.labels();
        GradientScan.Result scan = GradientScan.scan(evaluator.model(), evaluator.inputs(), labels, 64);
        items.add(item("input gradients are finite and non-vanishing", scan.healthy(),
                String.format(Locale.ROOT, "%d zero, %d not finite, %d below %.0e of %d samples", scan.zero(), scan.notFinite(),
                        scan.vanishing(), GradientScan.VANISHING, labels.length),
                "zero", scan.zero(), "not_finite", scan.notFinite(), "vanishing", scan.vanishing()));
        return new Result(items, samples, tolerance);
    }

    private static Pgd pgd(ThreatModel tm, int steps, int restarts, long seed) {
        return new Pgd(tm, Pgd.Settings.madry(steps).withRestarts(restarts).withSeed(seed));
    }

    /** An item: INCONCLUSIVE when one of its numbers is undefined (a comparison with NaN is never a pass). */
    private static Item item(String check, boolean pass, String detail, Object... pairs) {
        Map<String, Double> numbers = new LinkedHashMap<>();
        for (int k = 0; k < pairs.length; k += 2) {
            numbers.put((String) pairs[k], ((Number) pairs[k + 1]).doubleValue());
        }
        if (numbers.values().stream().anyMatch(v -> Double.isNaN(v))) {
            return new Item(check, Verdict.INCONCLUSIVE, detail + " (undefined: no sample to measure it on)", numbers);
        }
        return new Item(check, pass ? Verdict.PASS : Verdict.WARN, detail, numbers);
    }
}
