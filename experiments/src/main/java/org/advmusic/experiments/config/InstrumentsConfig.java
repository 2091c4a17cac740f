package org.advmusic.experiments.config;

import java.util.List;

/**
 * The instrument study of seed 004 (an RBF SVC on 25 per-file features, a randomized search, and a
 * targeted genetic attack on the audio signal). Runs instead of the genre pipeline when enabled.
 *
 * @param enabled        whether {@code demo} runs this study
 * @param source         "synthetic" (the built-in instrument set) or "irmas"
 * @param trainingPath   the IRMAS training folder (irmas), or where the synthetic set is cached
 * @param testPath       the IRMAS test folder (multi-label .txt annotations); empty: a split of the training data
 * @param perClass       synthetic excerpts per class
 * @param testFraction   the share of the training data held out when there is no test folder (stratified)
 * @param sampleRate     the rate the features are computed at (44100 as the reference project)
 * @param search         the randomized search
 * @param targeted       the targeted genetic attack on the waveform
 * @param featureAttacks white-box PGD and FMN on the standardised features
 * @param confidence     per class, a signal the SVC classifies as that class with a high decision value
 */
public record InstrumentsConfig(boolean enabled, String source, String trainingPath, String testPath, int perClass,
                                double testFraction, int sampleRate, SearchConfig search, TargetedConfig targeted,
                                FeatureAttackConfig featureAttacks, ConfidenceConfig confidence) {
    public InstrumentsConfig {
        Check.oneOf("instruments.source", source, List.of("synthetic", "irmas"));
        Check.required("instruments.training_path", trainingPath);
        Check.atLeast("instruments.per_class", perClass, 1);
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new ConfigException("config field 'instruments.test_fraction' is " + testFraction + "; expected (0, 1)");
        }
        Check.atLeast("instruments.sample_rate", sampleRate, 8000);
        Check.required("instruments.search", search);
        Check.required("instruments.targeted", targeted);
        Check.required("instruments.feature_attacks", featureAttacks);
        Check.required("instruments.confidence", confidence);
    }

    /**
     * @param candidates hyperparameter candidates drawn
     * @param folds      stratified cross-validation folds
     * @param cLow       C ~ uniform(c_low, c_high)
     * @param cHigh      upper end of C
     * @param gammas     gamma drawn uniformly from these
     * @param seed       the candidates' seed (and the seed of the refit's internal cross-validation)
     * @param probability whether the refit model gets Platt probabilities (scikit-learn's {@code probability=True})
     */
    public record SearchConfig(int candidates, int folds, double cLow, double cHigh, List<Double> gammas, long seed,
                               boolean probability) {
        public SearchConfig {
            Check.atLeast("instruments.search.candidates", candidates, 1);
            Check.atLeast("instruments.search.folds", folds, 2);
            Check.required("instruments.search.gammas", gammas);
        }
    }

    /**
     * @param representations  "equalizer" (band gains on the signal itself), "band-limited" (added noise) and/or
     *                         "raw" (the raw-sample baseline)
     * @param blocks           time blocks of the band-limited representation
     * @param bands            log-spaced bands of the band-limited and equaliser representations
     * @param peakDbfs         the perturbation's peak budget in dBFS
     * @param queryBudget      black-box queries per attack
     * @param population       members per generation
     * @param feedback         "scores" or "labels"
     * @param minimizeSteps    bisection steps shrinking a successful perturbation
     * @param sources          source classes attacked (one correctly classified test file each)
     * @param targetsPerSource targets per source: the classes the SVC finds most likely after the source on the clean file
     * @param examples         attacks whose clean, adversarial and perturbation WAVs are kept
     */
    public record TargetedConfig(List<String> representations, int blocks, int bands, double peakDbfs, int queryBudget,
                                 int population, String feedback, int minimizeSteps, int sources, int targetsPerSource,
                                 int examples) {
        public TargetedConfig {
            Check.required("instruments.targeted.representations", representations);
            for (String r : representations) {
                Check.oneOf("instruments.targeted.representations[]", r, List.of("equalizer", "band-limited", "raw"));
            }
            Check.atLeast("instruments.targeted.blocks", blocks, 1);
            Check.atLeast("instruments.targeted.bands", bands, 1);
            Check.atLeast("instruments.targeted.population", population, 2);
            Check.atLeast("instruments.targeted.query_budget", queryBudget, population);
            Check.oneOf("instruments.targeted.feedback", feedback, List.of("scores", "labels"));
            Check.atLeast("instruments.targeted.minimize_steps", minimizeSteps, 0);
            Check.atLeast("instruments.targeted.sources", sources, 0);
            Check.atLeast("instruments.targeted.targets_per_source", targetsPerSource, 1);
            Check.atLeast("instruments.targeted.examples", examples, 0);
            if (!(peakDbfs <= 0)) {
                throw new ConfigException("config field 'instruments.targeted.peak_dbfs' is " + peakDbfs + "; expected <= 0");
            }
        }
    }

    /**
     * @param epsilons Linf budgets of PGD on the standardised features (in standard deviations)
     * @param pgdSteps PGD iterations
     * @param fmnSteps FMN (L2) iterations
     */
    public record FeatureAttackConfig(List<Double> epsilons, int pgdSteps, int fmnSteps) {
        public FeatureAttackConfig {
            Check.required("instruments.feature_attacks.epsilons", epsilons);
            Check.atLeast("instruments.feature_attacks.pgd_steps", pgdSteps, 1);
            Check.atLeast("instruments.feature_attacks.fmn_steps", fmnSteps, 1);
        }
    }

    /**
     * @param enabled     whether to make one signal per class
     * @param start       "silence" or "noise" (seeded white noise at -40 dBFS peak)
     * @param peakDbfs    the signal's peak budget in dBFS
     * @param queryBudget pipeline evaluations per class (three quarters match the aimed features, the rest polish
     *                    the margin)
     * @param offspring   children per generation of the polishing (1 + lambda) evolution strategy
     */
    public record ConfidenceConfig(boolean enabled, String start, double peakDbfs, int queryBudget, int offspring) {
        public ConfidenceConfig {
            Check.oneOf("instruments.confidence.start", start, List.of("silence", "noise"));
            Check.atLeast("instruments.confidence.offspring", offspring, 1);
            Check.atLeast("instruments.confidence.query_budget", queryBudget, offspring + 1);
            if (!(peakDbfs <= 0)) {
                throw new ConfigException("config field 'instruments.confidence.peak_dbfs' is " + peakDbfs + "; expected <= 0");
            }
        }
    }
}
