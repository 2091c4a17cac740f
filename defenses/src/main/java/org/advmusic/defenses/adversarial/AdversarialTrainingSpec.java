package org.advmusic.defenses.adversarial;

import java.util.LinkedHashMap;
import java.util.Map;
import org.advmusic.attacks.Fgsm;
import org.advmusic.attacks.InputBox;
import org.advmusic.attacks.LossMaximizer;
import org.advmusic.attacks.Norm;
import org.advmusic.attacks.Pgd;
import org.advmusic.attacks.ThreatModel;

/**
 * How a model is adversarially trained; written into its checkpoint's model spec.
 *
 * @param method              PGD, or FGSM from a random start (the fast variant)
 * @param norm                the training threat model's norm
 * @param epsilon             its budget
 * @param steps               PGD steps (1 for FGSM)
 * @param stepSize            the step length
 * @param randomStart         start PGD inside the ball
 * @param adversarialFraction share of every batch replaced by adversarial examples: 1 (pure) or 0.5 (mixed)
 * @param seed                seed of the random starts and of the choice of replaced rows
 */
public record AdversarialTrainingSpec(Method method, Norm norm, double epsilon, int steps, double stepSize,
                                      boolean randomStart, double adversarialFraction, long seed) {

    /** The inner maximisation. */
    public enum Method {
        /** projected gradient descent */
        PGD,
        /** one FGSM step of 1.25 eps from a uniform random start (Wong, Rice, Kolter 2020) */
        FGSM_RANDOM_START
    }

    /** Validates every field, naming the bad value. */
    public AdversarialTrainingSpec {
        if (method == null || norm == null) {
            throw new IllegalArgumentException("adversarial training: method and norm are required");
        }
        if (!(epsilon > 0) || Double.isInfinite(epsilon) || steps < 1 || !(stepSize > 0)
                || !(adversarialFraction > 0 && adversarialFraction <= 1)) {
            throw new IllegalArgumentException("adversarial training: epsilon " + epsilon + ", steps " + steps
                    + ", step size " + stepSize + ", adversarial fraction " + adversarialFraction
                    + "; expected a finite epsilon > 0, steps >= 1, step size > 0 and a fraction in (0, 1]");
        }
    }

    /** PGD with Madry's step rule (2.5 eps / steps) and a random start; {@code fraction} 1 = pure, 0.5 = mixed. */
    public static AdversarialTrainingSpec pgd(Norm norm, double epsilon, int steps, double fraction, long seed) {
        return new AdversarialTrainingSpec(Method.PGD, norm, epsilon, steps, 2.5 * epsilon / steps, true, fraction, seed);
    }

    /** The fast variant: FGSM from a random start with step 1.25 eps, every sample adversarial. */
    public static AdversarialTrainingSpec fast(Norm norm, double epsilon, long seed) {
        return new AdversarialTrainingSpec(Method.FGSM_RANDOM_START, norm, epsilon, 1, 1.25 * epsilon, true, 1.0, seed);
    }

    /** The attack that perturbs one batch, seeded for that batch. */
    public LossMaximizer attack(InputBox box, long batchSeed) {
        ThreatModel tm = new ThreatModel(norm, epsilon, box, org.advmusic.attacks.Targeting.untargeted());
        return method == Method.PGD
                ? new Pgd(tm, pgdSettings(batchSeed))
                : new Fgsm(tm, true, stepSize, batchSeed);
    }

    private Pgd.Settings pgdSettings(long batchSeed) {
        Pgd.Settings settings = Pgd.Settings.madry(steps).withStepPerEpsilon(stepSize / epsilon).withSeed(batchSeed);
        return randomStart ? settings : settings.withoutRandomStart();
    }

    /** A short name for tables, e.g. "PGD-7 mixed 50%" or "FGSM-RS". */
    public String describe() {
        String base = method == Method.PGD ? "PGD-" + steps : "FGSM-RS";
        return base + (adversarialFraction == 1 ? " pure" : String.format(java.util.Locale.ROOT, " mixed %.0f%%",
                100 * adversarialFraction)) + " " + norm.label() + " eps=" + epsilon;
    }

    /** The spec as a plain map for {@code ModelSpec.withDefense}. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", "adversarial-training");
        map.put("method", method.name());
        map.put("norm", norm.label());
        map.put("epsilon", epsilon);
        map.put("steps", steps);
        map.put("step_size", stepSize);
        map.put("random_start", randomStart);
        map.put("adversarial_fraction", adversarialFraction);
        map.put("seed", seed);
        return map;
    }
}
