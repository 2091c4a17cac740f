package org.advmusic.experiments.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
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
 * @param checkpoint   the hash of the checkpoint's weights these numbers come from; null when not recorded
 * @param training     its training; null when absent
 * @param clean        its clean test metrics; null when absent
 */
public record ModelMetrics(String name, String description, String architecture, Long parameters, String defense,
                           String checkpoint, Training training, CleanMetrics clean) {

    static ModelMetrics parse(JsonField f, List<String> classes) throws MalformedResultsException {
        JsonField defense = f.get("defense");
        return new ModelMetrics(f.require("name").text(), f.get("description").optionalText(),
                f.get("architecture").optionalText(), f.get("parameters").optionalInteger(),
                defense.isPresent() ? defense.raw().toString() : null, f.get("checkpoint").optionalText(),
                f.get("training").optional(Training::parse),
                f.get("clean").optional(field -> CleanMetrics.parse(field, classes)));
    }

    ObjectNode toJson() {
        ObjectNode node = ResultsJson.object().put("name", name);
        ResultsJson.text(node, "description", description);
        ResultsJson.text(node, "architecture", architecture);
        ResultsJson.integer(node, "parameters", parameters);
        try {
            node.set("defense", defense == null ? null : ResultsJson.JSON.readTree(defense));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("defense of " + name + " is not JSON: " + defense, e);
        }
        if (defense == null) {
            node.putNull("defense");
        }
        ResultsJson.text(node, "checkpoint", checkpoint);
        if (training != null) {
            node.set("training", training.toJson());
        }
        if (clean != null) {
            node.set("clean", clean.toJson());
        }
        return node;
    }

    /** These metrics with the robust validation of adversarial training added to the training record. */
    public ModelMetrics withRobustValidation(List<RobustEpoch> robustValidation) {
        Training t = new Training(training.seconds(), training.epochsRun(), training.bestEpoch(), training.history(),
                robustValidation);
        return new ModelMetrics(name, description, architecture, parameters, defense, checkpoint, t, clean);
    }

    /**
     * @param seconds          training wall-clock time; NaN when absent
     * @param epochsRun        epochs run (early stopping may end before the limit); null when absent
     * @param bestEpoch        the epoch whose weights were kept; null when absent
     * @param history          one entry per epoch
     * @param robustValidation robust validation accuracy per epoch (adversarially trained models)
     */
    public record Training(double seconds, Long epochsRun, Long bestEpoch, List<Epoch> history, List<RobustEpoch> robustValidation) {
        static Training parse(JsonField f) throws MalformedResultsException {
            return new Training(f.get("seconds").optionalNumber(), f.get("epochs_run").optionalInteger(),
                    f.get("best_epoch").optionalInteger(), f.get("history").list(Epoch::parse),
                    f.get("robust_validation").list(RobustEpoch::parse));
        }

        ObjectNode toJson() {
            ObjectNode node = ResultsJson.number(ResultsJson.object(), "seconds", seconds);
            ResultsJson.integer(node, "epochs_run", epochsRun);
            ResultsJson.integer(node, "best_epoch", bestEpoch);
            node.set("history", ResultsJson.array(history, Epoch::toJson));
            node.set("robust_validation", ResultsJson.array(robustValidation, RobustEpoch::toJson));
            return node;
        }
    }

    /** One epoch of training; any number may be NaN (absent). */
    public record Epoch(long epoch, double trainingLoss, double trainingAccuracy, double validationLoss,
                        double validationAccuracy, double learningRate, double seconds) {
        static Epoch parse(JsonField f) throws MalformedResultsException {
            return new Epoch(f.require("epoch").integer(), f.get("training_loss").optionalNumber(),
                    f.get("training_accuracy").optionalFraction(), f.get("validation_loss").optionalNumber(),
                    f.get("validation_accuracy").optionalFraction(), f.get("learning_rate").optionalNumber(),
                    f.get("seconds").optionalNumber());
        }

        ObjectNode toJson() {
            ObjectNode node = ResultsJson.object().put("epoch", epoch);
            ResultsJson.number(node, "training_loss", trainingLoss);
            ResultsJson.number(node, "training_accuracy", trainingAccuracy);
            ResultsJson.number(node, "validation_loss", validationLoss);
            ResultsJson.number(node, "validation_accuracy", validationAccuracy);
            ResultsJson.number(node, "learning_rate", learningRate);
            return ResultsJson.number(node, "seconds", seconds);
        }
    }

    /**
     * Robust validation accuracy after one epoch of adversarial training.
     *
     * @param warning for example a catastrophic-overfitting warning; null when none
     */
    public record RobustEpoch(long epoch, double pgdAccuracy, double fgsmAccuracy, String warning) {
        static RobustEpoch parse(JsonField f) throws MalformedResultsException {
            return new RobustEpoch(f.require("epoch").integer(), f.get("pgd_accuracy").optionalFraction(),
                    f.get("fgsm_accuracy").optionalFraction(), f.get("warning").optionalText());
        }

        ObjectNode toJson() {
            ObjectNode node = ResultsJson.object().put("epoch", epoch);
            ResultsJson.number(node, "pgd_accuracy", pgdAccuracy);
            ResultsJson.number(node, "fgsm_accuracy", fgsmAccuracy);
            return ResultsJson.text(node, "warning", warning);
        }
    }

    /**
     * Clean test metrics.
     *
     * @param songAccuracyLogProbability song level, summing the segments' log-probabilities
     * @param songAccuracyMajority       song level, by majority vote of the segments
     * @param perClass                   scores per class name, in class order
     * @param confusion                  rows: true class, columns: prediction; null when absent
     */
    public record CleanMetrics(double clipAccuracy, double songAccuracyLogProbability, double songAccuracyMajority,
                               double macroF1, Map<String, ClassScores> perClass, int[][] confusion) {
        static CleanMetrics parse(JsonField f, List<String> classes) throws MalformedResultsException {
            return new CleanMetrics(f.get("clip_accuracy").fraction(),
                    f.get("song_accuracy_log_probability").optionalFraction(),
                    f.get("song_accuracy_majority").optionalFraction(), f.get("macro_f1").optionalFraction(),
                    f.get("per_class").map(ClassScores::parse), confusionMatrix(f.get("confusion"), classes));
        }

        ObjectNode toJson() {
            ObjectNode node = ResultsJson.object();
            ResultsJson.number(node, "clip_accuracy", clipAccuracy);
            ResultsJson.number(node, "song_accuracy_log_probability", songAccuracyLogProbability);
            ResultsJson.number(node, "song_accuracy_majority", songAccuracyMajority);
            ResultsJson.number(node, "macro_f1", macroF1);
            node.set("per_class", ResultsJson.members(perClass, ClassScores::toJson));
            node.set("confusion", ResultsJson.counts(confusion));
            return node;
        }

        /** Accuracy per class name, in class order; NaN where the test split has no sample of the class. */
        public Map<String, Double> perClassAccuracy() {
            Map<String, Double> out = new LinkedHashMap<>();
            perClass.forEach((name, scores) -> out.put(name, scores.accuracy()));
            return out;
        }
    }

    /**
     * One class's clean scores; NaN where undefined.
     *
     * @param samples test samples of the class; null when not recorded
     */
    public record ClassScores(double precision, double recall, double accuracy, Long samples) {
        static ClassScores parse(JsonField f) throws MalformedResultsException {
            return new ClassScores(f.get("precision").optionalFraction(), f.get("recall").optionalFraction(),
                    f.get("accuracy").optionalFraction(), f.get("samples").optionalInteger());
        }

        ObjectNode toJson() {
            ObjectNode node = ResultsJson.object();
            ResultsJson.number(node, "precision", precision);
            ResultsJson.number(node, "recall", recall);
            ResultsJson.number(node, "accuracy", accuracy);
            return ResultsJson.integer(node, "samples", samples);
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
