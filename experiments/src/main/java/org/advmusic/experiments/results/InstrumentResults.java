package org.advmusic.experiments.results;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the instrument study measured ({@code instruments.json} of a run folder; RESULTS.md): the data,
 * every search candidate, the refit SVC's test scores, the targeted waveform attacks (each success
 * verified on the written 16-bit WAV) and the feature-domain attacks.
 *
 * @param data           what was loaded
 * @param search         the randomized search
 * @param test           the refit model on the test files
 * @param targeted       every targeted waveform attack
 * @param featureAttacks PGD and FMN on the standardised features
 * @param confidence     per class, a signal the SVC classifies as that class with a high decision value
 * @param checkpoint     the SVC checkpoint, relative to the run folder
 */
public record InstrumentResults(Data data, Search search, TestScores test, List<TargetedAttack> targeted,
                                List<FeatureAttack> featureAttacks, List<Confidence> confidence, String checkpoint) {
    /** The file's name inside a run folder. */
    public static final String FILE = "instruments.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * @param source     synthetic or irmas
     * @param path       the training folder
     * @param classes    class codes in label order
     * @param features   the 25 feature names
     * @param train      training files used
     * @param test       test files used
     * @param multiLabel whether test files carry several instruments (a prediction is correct when it is one of them)
     * @param problems   bad files, each with its path and reason
     */
    public record Data(String source, String path, List<String> classes, List<String> features, int train, int test,
                       boolean multiLabel, List<String> problems) {
    }

    /** One candidate: C, gamma, its fold accuracies, their mean and std, its rank. */
    public record Candidate(double c, double gamma, double[] foldAccuracies, double mean, double std, int rank) {
    }

    /** The search: candidates in drawing order, the best parameters and the wall time. */
    public record Search(int folds, List<Candidate> candidates, double bestC, double bestGamma, double bestMean,
                         double seconds, int supportVectors) {
    }

    /** Test accuracy, the 11-class confusion matrix (rows: first annotated class) and per-class scores. */
    public record TestScores(double accuracy, int[][] confusion, double[] precision, double[] recall, double[] f1) {
    }

    /**
     * One targeted attack on one test file.
     *
     * @param representation   band-limited or raw
     * @param file             the attacked file, relative to its data folder
     * @param source           the true (and clean predicted) class
     * @param target           the target class
     * @param reachedByAttack  whether the attack's own queries reached the target
     * @param verified         whether the written 16-bit WAV, read back and classified, is the target
     * @param verifiedPrediction the class of the written WAV
     * @param queries          black-box queries spent
     * @param snrDb            signal-to-noise ratio of the written adversarial WAV against the clean signal
     * @param peakDbfs         the written perturbation's peak in dBFS
     * @param cleanWav         WAVs kept as examples (relative to the run folder); null when not kept
     * @param adversarialWav   the attack's output as written: {@code <example>-adversarial.wav} when the re-read file is
     *                         the target ({@code verified}), else {@code <example>-not-adversarial.wav}; null when not kept
     * @param perturbationWav  the perturbation alone
     * @param targetProbability the SVC's Platt probability of the target class for the written WAV; null when
     *                          the model has no probabilities
     */
    public record TargetedAttack(String representation, String file, String source, String target,
                                 boolean reachedByAttack, boolean verified, String verifiedPrediction, long queries,
                                 double snrDb, double peakDbfs, String cleanWav, String adversarialWav,
                                 String perturbationWav, Double targetProbability) {
    }

    /**
     * One white-box attack on the standardised feature vectors of the correctly classified test files.
     *
     * @param attack        PGD-Linf or FMN-L2
     * @param epsilon       the budget (NaN for minimum-norm FMN)
     * @param attempted     correctly classified files attacked
     * @param successRate   share of them misclassified after the attack
     * @param medianNorm    median norm of the successful perturbations (in standard deviations)
     */
    public record FeatureAttack(String attack, double epsilon, int attempted, double successRate, double medianNorm) {
    }

    /**
     * A signal made for one class to win with a high decision value (confidence maximisation); every
     * score is the SVC's one-vs-rest decision value of the written WAV read back (or of the start signal).
     *
     * @param cls                the class
     * @param start              silence or noise
     * @param startScore         the class's decision value of the starting signal
     * @param startMargin        the starting signal's margin (the class's decision value minus the best other)
     * @param aimMargin          the margin of the point aimed at in the standardised feature space
     * @param score              the class's decision value of the written WAV
     * @param margin             the written WAV's margin
     * @param featureDistance    Euclidean distance of the written WAV's standardised features to the aimed point
     * @param peakDbfs           the written WAV's peak
     * @param verifiedPrediction the class of the written WAV
     * @param queries            pipeline evaluations spent
     * @param wav                the written WAV, relative to the run folder
     */
    public record Confidence(String cls, String start, double startScore, double startMargin, double aimMargin,
                             double score, double margin, double featureDistance, double peakDbfs,
                             String verifiedPrediction, long queries, String wav) {
    }

    /** Writes {@code run/instruments.json}. */
    public void write(Path runDirectory) throws IOException {
        Files.createDirectories(runDirectory);
        JSON.writeValue(runDirectory.resolve(FILE).toFile(), this);
    }

    /** Reads {@code run/instruments.json}, or null when the run has none. */
    public static InstrumentResults read(Path runDirectory) throws IOException {
        Path file = runDirectory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readValue(file.toFile(), InstrumentResults.class);
        } catch (IOException e) {
            throw new MalformedResultsException(file, "instruments", "not a valid instrument study result: " + e.getMessage());
        }
    }
}
