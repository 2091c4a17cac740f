package org.advmusic.experiments.report;

import java.util.List;
import java.util.Map;

/**
 * One trained model of {@code metrics.json}'s {@code models} list.
 *
 * @param name         the model's name, also its checkpoint folder
 * @param description  what it is, in words; null when absent
 * @param architecture for example GenreCnn; null when absent
 * @param parameters   trainable parameters; null when absent
 * @param defense      the defense spec as compact JSON; null for the undefended baseline
 * @param training     its training; null when absent
 * @param clean        its clean test metrics; null when absent
 */
record ModelMetrics(String name, String description, String architecture, Long parameters, String defense,
                    Training training, CleanMetrics clean) {

    static ModelMetrics parse(JsonField f, List<String> classes) throws MalformedResultsException {
        JsonField defense = f.get("defense");
        return new ModelMetrics(f.require("name").text(), f.get("description").optionalText(),
                f.get("architecture").optionalText(), f.get("parameters").optionalInteger(),
                defense.isPresent() ? defense.raw().toString() : null,
                f.get("training").optional(Training::parse),
                f.get("clean").optional(field -> CleanMetrics.parse(field, classes)));
    }

    /**
     * @param seconds          training wall-clock time; NaN when absent
     * @param epochsRun        epochs run (early stopping may end before the limit); null when absent
     * @param bestEpoch        the epoch whose weights were kept; null when absent
     * @param history          one entry per epoch
     * @param robustValidation robust validation accuracy per epoch (adversarially trained models)
     */
    record Training(double seconds, Long epochsRun, Long bestEpoch, List<Epoch> history, List<RobustEpoch> robustValidation) {
        static Training parse(JsonField f) throws MalformedResultsException {
            return new Training(f.get("seconds").optionalNumber(), f.get("epochs_run").optionalInteger(),
                    f.get("best_epoch").optionalInteger(), f.get("history").list(Epoch::parse),
                    f.get("robust_validation").list(RobustEpoch::parse));
        }
    }

    /** One epoch of training; any number may be NaN (absent). */
    record Epoch(long epoch, double trainingLoss, double trainingAccuracy, double validationLoss,
                 double validationAccuracy, double learningRate) {
        static Epoch parse(JsonField f) throws MalformedResultsException {
            return new Epoch(f.require("epoch").integer(), f.get("training_loss").optionalNumber(),
                    f.get("training_accuracy").optionalFraction(), f.get("validation_loss").optionalNumber(),
                    f.get("validation_accuracy").optionalFraction(), f.get("learning_rate").optionalNumber());
        }
    }

    /**
     * Robust validation accuracy after one epoch of adversarial training.
     *
     * @param warning for example a catastrophic-overfitting warning; null when none
     */
    record RobustEpoch(long epoch, double pgdAccuracy, double fgsmAccuracy, String warning) {
        static RobustEpoch parse(JsonField f) throws MalformedResultsException {
            return new RobustEpoch(f.require("epoch").integer(), f.get("pgd_accuracy").optionalFraction(),
                    f.get("fgsm_accuracy").optionalFraction(), f.get("warning").optionalText());
        }
    }

    /**
     * Clean test metrics.
     *
     * @param songAccuracyLogProbability song level, summing the segments' log-probabilities
     * @param songAccuracyMajority       song level, by majority vote of the segments
     * @param perClassAccuracy           accuracy per class name, in file order (NaN when absent)
     * @param confusion                  rows: true class, columns: prediction; null when absent
     */
    record CleanMetrics(double clipAccuracy, double songAccuracyLogProbability, double songAccuracyMajority,
                        double macroF1, Map<String, Double> perClassAccuracy, int[][] confusion) {
        static CleanMetrics parse(JsonField f, List<String> classes) throws MalformedResultsException {
            return new CleanMetrics(f.get("clip_accuracy").fraction(),
                    f.get("song_accuracy_log_probability").optionalFraction(),
                    f.get("song_accuracy_majority").optionalFraction(), f.get("macro_f1").optionalFraction(),
                    f.get("per_class").map(scores -> scores.get("accuracy").optionalFraction()),
                    confusionMatrix(f.get("confusion"), classes));
        }
    }

    /**
     * A confusion matrix (rows: true class, columns: prediction), or null when absent or empty:
     * square, of non-negative counts, and as large as the class list when that is known.
     */
    static int[][] confusionMatrix(JsonField f, List<String> classes) throws MalformedResultsException {
        int[][] matrix = f.countMatrix();
        int size = matrix.length;
        if (size == 0) {
            return null;
        }
        if (matrix[0].length != size) {
            throw f.error("expected a square matrix (rows: true class, columns: prediction), found " + size + " rows of "
                    + matrix[0].length);
        }
        if (!classes.isEmpty() && size != classes.size()) {
            throw f.error("expected " + classes.size() + " rows, one per class of data.classes, found " + size);
        }
        return matrix;
    }
}
