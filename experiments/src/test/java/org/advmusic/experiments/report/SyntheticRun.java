package org.advmusic.experiments.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.advmusic.engine.Backends;
import org.advmusic.engine.DType;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.io.Safetensors;

/**
 * Hand-written run directories following experiments/RESULTS.md, small enough for fast tests: three
 * classes (two of them with names that need CSV quoting and HTML escaping), a baseline and a defended
 * model, every section of metrics.json, 16 x 20 spectrograms, and a tiny WAV.
 */
final class SyntheticRun {
    static final String[] CLASSES = {"blues", "hip-hop, rap", "r&b <soul>"};
    static final int SAMPLES = 2;
    static final int BANDS = 16;
    static final int FRAMES = 20;

    private SyntheticRun() {
    }

    /** A run with every section: metrics, config, tensors, audio and a checkpoint. */
    static void writeFull(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("metrics.json"), fullMetrics());
        Files.writeString(directory.resolve("config.json"), "{\"name\": \"test\", \"epochs\": 2, \"note\": \"<b>not bold</b>\"}");
        writeExamples(directory.resolve("tensors/examples.safetensors"));
        writeGradCam(directory.resolve("tensors/gradcam.safetensors"));
        writeWav(directory.resolve("audio/sample-0-clean.wav"), 0.5);
        writeWav(directory.resolve("audio/sample 0 pgd.wav"), 0.4);
        Files.createDirectories(directory.resolve("checkpoints/baseline"));
        Files.writeString(directory.resolve("checkpoints/baseline/model.json"), "{}");
    }

    /** A run after training alone: run, data and models; no attack, defense, Grad-CAM, tensors or audio. */
    static void writeTrainingOnly(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("metrics.json"), "{" + RUN + ", " + DATA + ", \"models\": [" + BASELINE + "]}");
    }

    static final String RUN = """
            "run": {"name": "unit-test", "command": "demo", "started": "2026-11-22T10:00:00Z", "seconds": 12.5,
                    "device": "cpu", "dtype": "F32", "threads": 2, "seed": 7, "java": "17.0.15", "version": "0.1.0"}""";

    static final String DATA = """
            "data": {"source": "synthetic", "path": "data/synthetic", "classes": ["blues", "hip-hop, rap", "r&b <soul>"],
                     "input_shape": [1, 16, 20], "tracks": {"train": 6, "validation": 3, "test": 3},
                     "segments": {"train": 60, "validation": 30, "test": 30},
                     "decibel_mapping": {"min_db": -80.0, "max_db": 0.0, "db_per_unit": 80.0},
                     "problems": [{"path": "genres_original/jazz/jazz.00054.wav", "reason": "not a RIFF file"}],
                     "seconds": 1.5}""";

    static final String BASELINE = """
            {"name": "baseline", "description": "GenreCnn width 0.25, standard training", "architecture": "GenreCnn",
             "parameters": 8229, "defense": null,
             "training": {"seconds": 4.2, "epochs_run": 3, "best_epoch": 3,
               "history": [
                 {"epoch": 1, "training_loss": 1.1, "training_accuracy": 0.35, "validation_loss": 1.05, "validation_accuracy": 0.4, "learning_rate": 0.001, "seconds": 1.4},
                 {"epoch": 2, "training_loss": 0.8, "training_accuracy": 0.6, "validation_loss": 0.85, "validation_accuracy": 0.55, "learning_rate": 0.001, "seconds": 1.4},
                 {"epoch": 3, "training_loss": 0.5, "training_accuracy": 0.8, "validation_loss": 0.7, "validation_accuracy": 0.7, "learning_rate": 0.0005, "seconds": 1.4}],
               "robust_validation": []},
             "clean": {"clip_accuracy": 0.7, "song_accuracy_log_probability": 0.8, "song_accuracy_majority": null, "macro_f1": 0.68,
               "per_class": {"blues": {"precision": 0.8, "recall": 0.8, "accuracy": 0.8},
                             "hip-hop, rap": {"precision": 0.7, "recall": 0.6, "accuracy": 0.6},
                             "r&b <soul>": {"precision": 0.6, "recall": 0.7, "accuracy": 0.7}},
               "confusion": [[8, 1, 1], [2, 6, 2], [1, 2, 7]]}}""";

    private static String fullMetrics() {
        return "{" + RUN + ", " + DATA + ", \"models\": [" + BASELINE + ", " + """
                {"name": "adversarial mixed", "description": "PGD adversarial training, 50% adversarial", "architecture": "GenreCnn",
                 "parameters": 8229, "defense": {"type": "adversarial-training", "ratio": 0.5},
                 "training": {"seconds": 9.0, "epochs_run": 2, "best_epoch": 2,
                   "history": [
                     {"epoch": 1, "training_loss": 1.2, "training_accuracy": 0.3, "validation_loss": 1.1, "validation_accuracy": 0.35},
                     {"epoch": 2, "training_loss": 1.0, "training_accuracy": 0.45, "validation_loss": 0.95, "validation_accuracy": 0.5}],
                   "robust_validation": [{"epoch": 1, "pgd_accuracy": 0.2, "fgsm_accuracy": 0.3, "warning": null},
                                         {"epoch": 2, "pgd_accuracy": 0.1, "fgsm_accuracy": 0.6, "warning": "FGSM accuracy rose while PGD accuracy fell: catastrophic overfitting?"}]},
                 "clean": {"clip_accuracy": 0.6, "song_accuracy_log_probability": 0.67, "song_accuracy_majority": 0.67, "macro_f1": 0.58,
                   "per_class": {"blues": {"precision": 0.7, "recall": 0.7, "accuracy": 0.7},
                                 "hip-hop, rap": {"precision": 0.5, "recall": 0.5, "accuracy": 0.5},
                                 "r&b <soul>": {"precision": 0.6, "recall": 0.6, "accuracy": 0.6}},
                   "confusion": [[7, 2, 1], [3, 5, 2], [2, 2, 6]]}}],
                "robustness": {"model": "baseline", "samples": 30,
                  "reports": [""" + report("FGSM", 0.01, 0.4, "[[5, 3, 2], [3, 4, 3], [3, 3, 4]]") + ", "
                + report("PGD-Linf", 0.01, 0.2, "[[3, 4, 3], [4, 2, 4], [4, 4, 2]]") + ", "
                + report("PGD-Linf", 0.03, 0.05, "[[1, 5, 4], [5, 0, 5], [5, 5, 0]]") + """
                  ],
                  "curves": [
                    {"attack": "PGD-Linf", "norm": "Linf", "source": "fixed-epsilon attacks",
                     "points": [{"epsilon": 0.0, "accuracy": 0.7}, {"epsilon": 0.01, "accuracy": 0.2}, {"epsilon": 0.03, "accuracy": 0.05}]},
                    {"attack": "FMN-Linf", "norm": "Linf", "source": "minimal norms",
                     "points": [{"epsilon": 0.0, "accuracy": 0.7}, {"epsilon": 0.004, "accuracy": 0.5}, {"epsilon": 0.011, "accuracy": 0.2}, {"epsilon": 0.03, "accuracy": 0.1}]},
                    {"attack": "DDN", "norm": "L2", "source": "minimal norms",
                     "points": [{"epsilon": 0.0, "accuracy": 0.7}, {"epsilon": 0.5, "accuracy": 0.3}, {"epsilon": 1.5, "accuracy": 0.0}]}],
                  "minimum_norms": [{"attack": "FMN-Linf", "norm": "Linf", "values": [0.004, 0.011, null, 0.02, 0.007], "db_per_unit": 80.0}]},
                "checklists": [
                  {"model": "baseline", "items": [
                    {"check": "iterative attack at least as strong as single-step", "verdict": "PASS",
                     "detail": "at eps 0.01: PGD success 0.950, FGSM success 0.600", "numbers": {"pgd_success": 0.95, "fgsm_success": 0.6}},
                    {"check": "unbounded attack reaches 100% success", "verdict": "WARN",
                     "detail": "at eps 1.0: success 0.900 < 1", "numbers": {"success": 0.9}}]}],
                "defenses": {
                  "models": [
                    {"model": "baseline", "description": "standard training", "clean_accuracy": 0.7, "change_from_baseline": 0.0,
                     "training_seconds": 4.2,
                     "under_attack": [
                       {"attack": "PGD-10", "threat_model": "Linf eps=0.01 box [0.0, 1.0] untargeted", "epsilon": 0.01, "accuracy": 0.2, "kind": "white-box", "adaptive": true},
                       {"attack": "PGD-10", "threat_model": "Linf eps=0.03 box [0.0, 1.0] untargeted", "epsilon": 0.03, "accuracy": 0.05, "kind": "white-box", "adaptive": true},
                       {"attack": "FGSM", "threat_model": "Linf eps=0.01 box [0.0, 1.0] untargeted", "epsilon": 0.01, "accuracy": 0.4, "kind": "white-box", "adaptive": true}]},
                    {"model": "squeezing", "description": "bit depth 5 + median 2x2", "clean_accuracy": 0.65, "change_from_baseline": -0.05,
                     "training_seconds": 0.0,
                     "under_attack": [
                       {"attack": "PGD-10", "threat_model": "Linf eps=0.01 box [0.0, 1.0] untargeted", "epsilon": 0.01, "accuracy": 0.6, "kind": "naive (gradients blocked by the transform)", "adaptive": false},
                       {"attack": "PGD-10", "threat_model": "Linf eps=0.01 box [0.0, 1.0] untargeted", "epsilon": 0.01, "accuracy": 0.25, "kind": "adaptive (BPDA through the transform)", "adaptive": true},
                       {"attack": "PGD-10", "threat_model": "Linf eps=0.03 box [0.0, 1.0] untargeted", "epsilon": 0.03, "accuracy": 0.1, "kind": "adaptive (BPDA through the transform)", "adaptive": true}]}],
                  "best_per_epsilon": [{"attack": "PGD-10", "epsilon": 0.01, "model": "squeezing", "accuracy": 0.25, "gain_over_baseline": 0.05},
                                       {"attack": "PGD-10", "epsilon": 0.03, "model": "squeezing", "accuracy": 0.1, "gain_over_baseline": 0.05}],
                  "detectors": [
                    {"detector": "squeeze[bit-depth-5, median-2x2]", "attack": "FGSM", "adaptive": false, "threshold": 0.12,
                     "false_positive_rate": 0.05, "detection_rate": 0.9, "auc": 0.95, "fooled_and_undetected": 0.04,
                     "combined_clean": {"accepted_correct": 0.67, "accepted_wrong": 0.28, "rejected": 0.05},
                     "combined_adversarial": {"accepted_correct": 0.3, "accepted_wrong": 0.1, "rejected": 0.6},
                     "roc": [{"fpr": 0.0, "tpr": 0.0}, {"fpr": 0.05, "tpr": 0.9}, {"fpr": 1.0, "tpr": 1.0}]},
                    {"detector": "squeeze[bit-depth-5, median-2x2]", "attack": "PGD-10", "adaptive": true, "threshold": 0.12,
                     "false_positive_rate": 0.05, "detection_rate": 0.3, "auc": 0.6, "fooled_and_undetected": 0.5,
                     "combined_clean": {"accepted_correct": 0.67, "accepted_wrong": 0.28, "rejected": 0.05},
                     "combined_adversarial": {"accepted_correct": 0.2, "accepted_wrong": 0.5, "rejected": 0.3},
                     "roc": [{"fpr": 0.0, "tpr": 0.0}, {"fpr": 0.05, "tpr": 0.3}, {"fpr": 1.0, "tpr": 1.0}]}]},
                "gradcam": {"model": "baseline", "layer": "features.3.relu2", "method": "Grad-CAM",
                  "samples": [{"index": 12, "track": "blues/blues.00003.wav", "label": 0, "group": "correct",
                               "clean_prediction": 0, "fgsm_prediction": 2, "pgd_prediction": 1},
                              {"index": 17, "track": "r&b/rb.00001.wav", "label": 2, "group": "misclassified",
                               "clean_prediction": 1, "fgsm_prediction": 1, "pgd_prediction": 1}],
                  "attention_shift": {
                    "FGSM": {"mean": {"correlation": 0.41, "moved_mass": 0.37, "centre_shift_bins": 5.2},
                             "per_class": {"blues": {"correlation": 0.5, "moved_mass": 0.3, "centre_shift_bins": 4.0}}},
                    "PGD": {"mean": {}, "per_class": {}}},
                  "threat_models": {"FGSM": "Linf eps=0.01 box [0.0, 1.0] untargeted", "PGD": "Linf eps=0.01 box [0.0, 1.0] untargeted"},
                  "faithfulness": {"fraction": 0.1, "samples": 2, "mean_drop_attended": 0.37, "mean_drop_random": 0.04}},
                "audio": [
                  {"label": "blues", "clean": "audio/sample-0-clean.wav", "adversarial": "audio/sample 0 pgd.wav",
                   "attack": "PGD-10", "threat_model": "Linf eps=0.01 box [0.0, 1.0] untargeted", "adversarial_prediction": "r&b <soul>",
                   "snr_db": 24.1, "method": "adversarial mel magnitude with the original phase"}]
                }""";
    }

    private static String report(String attack, double epsilon, double robust, String confusion) {
        return """
                {"attack": "%s", "threat_model": {"norm": "Linf", "epsilon": %s, "box_lower": 0.0, "box_upper": 1.0, "goal": "untargeted"},
                 "samples": 30, "clean_accuracy": 0.7, "robust_accuracy": %s, "success_rate": 0.7, "invalid_outputs": 0,
                 "perturbation_Linf": {"count": 15, "mean": %s, "median": %s, "p90": %s, "max": %s},
                 "perturbation_L2": {"count": 15, "mean": 0.2, "median": 0.19, "p90": 0.25, "max": 0.3},
                 "perturbation_Linf_dB": {"count": 15, "mean": 0.8, "median": 0.8, "p90": 0.8, "max": 0.8},
                 "mean_gradient_evaluations": 10.0, "mean_queries": 0.0, "seconds": 1.2,
                 "per_class": {"blues": {"clean_accuracy": 0.8, "robust_accuracy": 0.5},
                               "hip-hop, rap": {"clean_accuracy": 0.6, "robust_accuracy": 0.4},
                               "r&b <soul>": {"clean_accuracy": 0.7, "robust_accuracy": 0.3}},
                 "confusion_under_attack": %s}""".formatted(attack, epsilon, robust, epsilon, epsilon, epsilon, epsilon, confusion);
    }

    /** Clean inputs with a bright low band, and FGSM / PGD versions moved by +-0.01 (FGSM leaves sample 1 unchanged). */
    static void writeExamples(Path file) throws IOException {
        double[] clean = spectrograms(1);
        double[] fgsm = clean.clone();
        double[] pgd = clean.clone();
        SplittableRandom random = new SplittableRandom(2);
        int perSample = BANDS * FRAMES;
        for (int i = 0; i < clean.length; i++) {
            double step = random.nextBoolean() ? 0.01 : -0.01;
            pgd[i] = Math.min(1, Math.max(0, clean[i] + step));
            if (i < perSample) {
                fgsm[i] = Math.min(1, Math.max(0, clean[i] - step));
            }
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("clean", tensor(clean, SAMPLES, 1, BANDS, FRAMES));
        tensors.put("fgsm", tensor(fgsm, SAMPLES, 1, BANDS, FRAMES));
        tensors.put("pgd", tensor(pgd, SAMPLES, 1, BANDS, FRAMES));
        tensors.put("clean_predictions", tensor(new double[] {0, 2}, SAMPLES));
        tensors.put("fgsm_predictions", tensor(new double[] {1, 2}, SAMPLES));
        tensors.put("pgd_predictions", tensor(new double[] {2, 1}, SAMPLES));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("samples", "[{\"index\": 12, \"track\": \"blues/blues.00003.wav\", \"label\": 0, \"class\": \"blues\"},"
                + " {\"index\": 17, \"track\": \"r&b/rb.00001.wav\", \"label\": 2, \"class\": \"r&b <soul>\"}]");
        metadata.put("fgsm_threat_model", "Linf eps=0.01 box [0.0, 1.0] untargeted");
        metadata.put("pgd_threat_model", "Linf eps=0.01 box [0.0, 1.0] untargeted");
        Safetensors.write(file, tensors, metadata, DType.F32);
    }

    /** Grad-CAM maps peaking in the low bands (clean) and in the high bands (attacked). */
    static void writeGradCam(Path file) throws IOException {
        int perSample = BANDS * FRAMES;
        double[] clean = new double[SAMPLES * perSample];
        double[] attacked = new double[SAMPLES * perSample];
        for (int i = 0; i < clean.length; i++) {
            int band = (i % perSample) / FRAMES;
            clean[i] = Math.exp(-band / 3.0);
            attacked[i] = Math.exp(-(BANDS - 1 - band) / 3.0);
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("inputs", tensor(spectrograms(3), SAMPLES, 1, BANDS, FRAMES));
        tensors.put("clean", tensor(clean, SAMPLES, BANDS, FRAMES));
        tensors.put("fgsm", tensor(attacked, SAMPLES, BANDS, FRAMES));
        tensors.put("pgd", tensor(attacked, SAMPLES, BANDS, FRAMES));
        tensors.put("fgsm_inputs", tensor(spectrograms(4), SAMPLES, 1, BANDS, FRAMES));
        tensors.put("pgd_inputs", tensor(spectrograms(5), SAMPLES, 1, BANDS, FRAMES));
        Safetensors.write(file, tensors, Map.of(), DType.F32);
    }

    /** {@code SAMPLES} spectrogram-like inputs in [0, 1]: brighter at low bands, with seeded texture. */
    static double[] spectrograms(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[SAMPLES * BANDS * FRAMES];
        for (int i = 0; i < values.length; i++) {
            int band = (i % (BANDS * FRAMES)) / FRAMES;
            values[i] = Math.min(1, Math.max(0, 0.9 - 0.04 * band + 0.1 * random.nextDouble()));
        }
        return values;
    }

    static Tensor tensor(double[] values, int... dims) {
        return Tensor.fromArray(Backends.reference(), values, dims);
    }

    /** A 100-sample 16-bit mono PCM WAV at 22050 Hz: a sine of the given amplitude. */
    static void writeWav(Path file, double amplitude) throws IOException {
        int samples = 100;
        ByteBuffer wav = ByteBuffer.allocate(44 + 2 * samples).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 2 * samples).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        wav.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(22050).putInt(22050 * 2).putShort((short) 2).putShort((short) 16);
        wav.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * samples);
        for (int i = 0; i < samples; i++) {
            wav.putShort((short) Math.round(amplitude * 32767 * Math.sin(2 * Math.PI * 440 * i / 22050.0)));
        }
        Files.createDirectories(file.getParent());
        Files.write(file, wav.array());
    }
}
