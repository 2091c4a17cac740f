package org.advmusic.experiments.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything in a run's {@code metrics.json} (experiments/RESULTS.md), validated and typed. A section
 * whose stage did not run is null (objects) or empty (lists).
 *
 * @param run        how the run was made; null when absent
 * @param data       the data set; null when absent
 * @param models     trained models in training order, the first being the undefended baseline
 * @param robustness the baseline under attack; null when absent
 * @param checklists the sanity checklist per model
 * @param defenses   the defenses' comparison; null when absent
 * @param gradcam    Grad-CAM analyses; null when absent
 * @param audio      listenable examples
 */
record RunMetrics(RunInfo run, DataInfo data, List<ModelMetrics> models, RobustnessMetrics robustness,
                  List<Checklist> checklists, DefenseMetrics defenses, GradCamMetrics gradcam, List<AudioExample> audio) {

    /**
     * Reads and validates {@code metrics.json}.
     *
     * @throws MalformedResultsException naming the file and the field that is missing or wrong
     */
    static RunMetrics read(Path metricsFile) throws IOException {
        JsonField root = JsonField.read(metricsFile);
        if (!root.raw().isObject()) {
            throw root.error("expected a JSON object at the top level");
        }
        DataInfo data = root.get("data").optional(DataInfo::parse);
        List<String> classes = data == null ? List.of() : data.classes();
        return new RunMetrics(
                root.get("run").optional(RunInfo::parse),
                data,
                root.get("models").list(field -> ModelMetrics.parse(field, classes)),
                root.get("robustness").optional(field -> RobustnessMetrics.parse(field, classes)),
                root.get("checklists").list(Checklist::parse),
                root.get("defenses").optional(DefenseMetrics::parse),
                root.get("gradcam").optional(GradCamMetrics::parse),
                root.get("audio").list(AudioExample::parse));
    }

    /** The class names, or none when the data section is absent. */
    List<String> classes() {
        return data == null ? List.of() : data.classes();
    }

    /** The name of class {@code index}: from {@code data.classes} when known, else "class N". */
    String className(int index) {
        List<String> classes = classes();
        return index >= 0 && index < classes.size() ? classes.get(index) : "class " + index;
    }

    /** The names of classes 0 to {@code count - 1} (see {@link #className}). */
    List<String> classNames(int count) {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            names.add(className(k));
        }
        return names;
    }

    /** dB per input unit from {@code data.decibel_mapping}; NaN when there is no mapping (tabular data). */
    double decibelsPerUnit() {
        return data == null || data.decibelMapping() == null ? Double.NaN : data.decibelMapping().decibelsPerUnit();
    }

    /**
     * How the run was made (all fields optional; null or NaN when absent).
     *
     * @param seconds wall-clock seconds of the whole run
     */
    record RunInfo(String name, String command, String started, double seconds, String device, String dtype,
                   Long threads, Long seed, String java, String version) {
        static RunInfo parse(JsonField f) throws MalformedResultsException {
            return new RunInfo(f.get("name").optionalText(), f.get("command").optionalText(), f.get("started").optionalText(),
                    f.get("seconds").optionalNumber(), f.get("device").optionalText(), f.get("dtype").optionalText(),
                    f.get("threads").optionalInteger(), f.get("seed").optionalInteger(), f.get("java").optionalText(),
                    f.get("version").optionalText());
        }
    }

    /**
     * The data set.
     *
     * @param source         synthetic, gtzan, gtzan-features, msd or irmas
     * @param inputShape     one sample's shape, e.g. [1, 128, 130], or [57] for tabular data; empty when absent
     * @param tracks         tracks per split (train, validation, test) in file order
     * @param segments       segments per split
     * @param decibelMapping the fixed dB range of the model input; null for tabular data
     * @param problems       files that could not be used, with the reason; null when the field is absent
     * @param seconds        time spent loading or generating
     */
    record DataInfo(String source, String path, List<String> classes, List<Integer> inputShape,
                    Map<String, Long> tracks, Map<String, Long> segments,
                    DecibelMapping decibelMapping, List<Problem> problems, double seconds) {
        static DataInfo parse(JsonField f) throws MalformedResultsException {
            JsonField problems = f.get("problems");
            return new DataInfo(f.get("source").optionalText(), f.get("path").optionalText(),
                    f.get("classes").list(JsonField::text),
                    f.get("input_shape").list(dimension -> dimension.count(1)),
                    f.get("tracks").map(JsonField::integer), f.get("segments").map(JsonField::integer),
                    f.get("decibel_mapping").optional(DecibelMapping::parse),
                    problems.isPresent() ? problems.list(Problem::parse) : null,
                    f.get("seconds").optionalNumber());
        }
    }

    /**
     * The model input's fixed dB range: input {@code 0} is {@code minDb}, input {@code 1} is {@code maxDb}.
     *
     * @param decibelsPerUnit how many dB one unit of input is (80 for [-80, 0] dB)
     */
    record DecibelMapping(double minDb, double maxDb, double decibelsPerUnit) {
        static DecibelMapping parse(JsonField f) throws MalformedResultsException {
            double perUnit = f.require("db_per_unit").number();
            if (!(perUnit > 0)) {
                throw f.get("db_per_unit").error("expected a positive number of dB per input unit, found " + perUnit);
            }
            return new DecibelMapping(f.get("min_db").optionalNumber(), f.get("max_db").optionalNumber(), perUnit);
        }
    }

    /** A data file that could not be used, and why. */
    record Problem(String path, String reason) {
        static Problem parse(JsonField f) throws MalformedResultsException {
            return new Problem(f.require("path").text(), f.require("reason").text());
        }
    }
}
