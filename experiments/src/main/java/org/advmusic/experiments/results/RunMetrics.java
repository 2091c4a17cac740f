package org.advmusic.experiments.results;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Everything in a run's {@code metrics.json} (experiments/RESULTS.md), typed: each section is one
 * record that reads itself from JSON (validating, naming the field of any error) and writes itself
 * back. Stages return these records; the command that ran them puts them here with the
 * {@code with...} methods and {@link #write}s the file. A section whose stage did not run is null
 * (objects) or empty (lists).
 *
 * @param run        how the run was made; null when absent
 * @param data       the data set; null when absent
 * @param models     trained models in training order, the first being the undefended baseline
 * @param robustness the baseline under attack; null when absent
 * @param checklists the sanity checklist per model
 * @param defenses   the defenses' comparison; null when absent
 * @param gradcam    Grad-CAM analyses; null when absent
 * @param audio        the waveform study's tracks
 * @param audioBudgets the waveform study's budgets; null when absent
 */
public record RunMetrics(RunInfo run, DataInfo data, List<ModelMetrics> models, RobustnessMetrics robustness,
                         List<Checklist> checklists, DefenseMetrics defenses, GradCamMetrics gradcam, List<AudioExample> audio,
                         AudioBudgets audioBudgets) {

    /** Copies the lists. */
    public RunMetrics {
        models = List.copyOf(models);
        checklists = List.copyOf(checklists);
        audio = List.copyOf(audio);
    }

    /** No section yet. */
    public static RunMetrics empty() {
        return new RunMetrics(null, null, List.of(), null, List.of(), null, null, List.of(), null);
    }

    /**
     * Reads and validates {@code metrics.json}.
     *
     * @throws MalformedResultsException naming the file and the field that is missing or wrong
     */
    public static RunMetrics read(Path metricsFile) throws IOException {
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
                root.get("audio").list(AudioExample::parse),
                root.get("audio_budgets").optional(AudioBudgets::parse));
    }

    /** The whole file as JSON, sections in pipeline order, absent ones left out. */
    public ObjectNode toJson() {
        ObjectNode node = ResultsJson.object();
        if (run != null) {
            node.set("run", run.toJson());
        }
        if (data != null) {
            node.set("data", data.toJson());
        }
        if (!models.isEmpty()) {
            node.set("models", ResultsJson.array(models, ModelMetrics::toJson));
        }
        if (robustness != null) {
            node.set("robustness", robustness.toJson());
        }
        if (!checklists.isEmpty()) {
            node.set("checklists", ResultsJson.array(checklists, Checklist::toJson));
        }
        if (defenses != null) {
            node.set("defenses", defenses.toJson());
        }
        if (gradcam != null) {
            node.set("gradcam", gradcam.toJson());
        }
        if (!audio.isEmpty()) {
            node.set("audio", ResultsJson.array(audio, AudioExample::toJson));
        }
        if (audioBudgets != null) {
            node.set("audio_budgets", audioBudgets.toJson());
        }
        return node;
    }

    /** Writes {@code metrics.json} atomically. */
    public void write(Path metricsFile) {
        ResultsJson.write(metricsFile, toJson());
    }

    public RunMetrics withRun(RunInfo run) {
        return new RunMetrics(run, data, models, robustness, checklists, defenses, gradcam, audio, audioBudgets);
    }

    public RunMetrics withData(DataInfo data) {
        return new RunMetrics(run, data, models, robustness, checklists, defenses, gradcam, audio, audioBudgets);
    }

    /** With {@code model} replacing the model of the same name (in place), or appended. */
    public RunMetrics withModel(ModelMetrics model) {
        return new RunMetrics(run, data, replaced(models, model, m -> m.name().equals(model.name())), robustness, checklists,
                defenses, gradcam, audio, audioBudgets);
    }

    public RunMetrics withRobustness(RobustnessMetrics robustness) {
        return new RunMetrics(run, data, models, robustness, checklists, defenses, gradcam, audio, audioBudgets);
    }

    /** With {@code checklist} replacing the checklist of the same model, or appended. */
    public RunMetrics withChecklist(Checklist checklist) {
        return new RunMetrics(run, data, models, robustness,
                replaced(checklists, checklist, c -> c.model().equals(checklist.model())), defenses, gradcam, audio,
                audioBudgets);
    }

    public RunMetrics withDefenses(DefenseMetrics defenses) {
        return new RunMetrics(run, data, models, robustness, checklists, defenses, gradcam, audio, audioBudgets);
    }

    public RunMetrics withGradcam(GradCamMetrics gradcam) {
        return new RunMetrics(run, data, models, robustness, checklists, defenses, gradcam, audio, audioBudgets);
    }

    /** With the waveform study's tracks and the budgets they were attacked at (null: none). */
    public RunMetrics withAudio(List<AudioExample> audio, AudioBudgets audioBudgets) {
        return new RunMetrics(run, data, models, robustness, checklists, defenses, gradcam, audio, audioBudgets);
    }

    private static <T> List<T> replaced(List<T> list, T item, Predicate<T> same) {
        List<T> out = new ArrayList<>(list);
        for (int i = 0; i < out.size(); i++) {
            if (same.test(out.get(i))) {
                out.set(i, item);
                return out;
            }
        }
        out.add(item);
        return out;
    }

    /** The model named {@code name}, or null. */
    public ModelMetrics model(String name) {
        return models.stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
    }

    /** The class names, or none when the data section is absent. */
    public List<String> classes() {
        return data == null ? List.of() : data.classes();
    }

    /** The name of class {@code index}: from {@code data.classes} when known, else "class N". */
    public String className(int index) {
        List<String> classes = classes();
        return index >= 0 && index < classes.size() ? classes.get(index) : "class " + index;
    }

    /** The names of classes 0 to {@code count - 1} (see {@link #className}). */
    public List<String> classNames(int count) {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            names.add(className(k));
        }
        return names;
    }

    /** dB per input unit from {@code data.decibel_mapping}; NaN when there is no mapping (tabular data). */
    public double decibelsPerUnit() {
        return data == null || data.decibelMapping() == null ? Double.NaN : data.decibelMapping().decibelsPerUnit();
    }

    /**
     * How the run was made (all fields optional; null or NaN when absent).
     *
     * @param command the last command run in this folder
     * @param seconds wall-clock seconds of that command; NaN while it runs
     * @param status  running, completed or failed
     * @param error   why the command failed; null otherwise
     */
    public record RunInfo(String name, String command, String started, double seconds, String device, String dtype,
                          Long threads, Long seed, String java, String version, String status, String error) {
        /** A command that is running. */
        public static final String RUNNING = "running";
        /** A command that ended normally. */
        public static final String COMPLETED = "completed";
        /** A command that ended with an error. */
        public static final String FAILED = "failed";

        static RunInfo parse(JsonField f) throws MalformedResultsException {
            return new RunInfo(f.get("name").optionalText(), f.get("command").optionalText(), f.get("started").optionalText(),
                    f.get("seconds").optionalNumber(), f.get("device").optionalText(), f.get("dtype").optionalText(),
                    f.get("threads").optionalInteger(), f.get("seed").optionalInteger(), f.get("java").optionalText(),
                    f.get("version").optionalText(), f.get("status").optionalText(), f.get("error").optionalText());
        }

        ObjectNode toJson() {
            ObjectNode node = ResultsJson.object();
            ResultsJson.text(node, "name", name);
            ResultsJson.text(node, "command", command);
            ResultsJson.text(node, "started", started);
            ResultsJson.number(node, "seconds", seconds);
            ResultsJson.text(node, "device", device);
            ResultsJson.text(node, "dtype", dtype);
            ResultsJson.integer(node, "threads", threads);
            ResultsJson.integer(node, "seed", seed);
            ResultsJson.text(node, "java", java);
            ResultsJson.text(node, "version", version);
            ResultsJson.text(node, "status", status);
            return ResultsJson.text(node, "error", error);
        }

        /** This run ended after {@code seconds}: completed, or failed with {@code error} when it is not null. */
        public RunInfo ended(double seconds, String error) {
            return new RunInfo(name, command, started, seconds, device, dtype, threads, seed, java, version,
                    error == null ? COMPLETED : FAILED, error);
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
     * @param resampled      files stored at another sample rate than the front end's, resampled to it, per pair
     *                       of rates; empty when none (or absent)
     * @param seconds        time spent loading or generating
     */
    public record DataInfo(String source, String path, List<String> classes, List<Integer> inputShape,
                           Map<String, Long> tracks, Map<String, Long> segments,
                           DecibelMapping decibelMapping, List<Problem> problems, List<Resampled> resampled,
                           double seconds) {
        public DataInfo {
            resampled = resampled == null ? List.of() : List.copyOf(resampled);
        }

        static DataInfo parse(JsonField f) throws MalformedResultsException {
            JsonField problems = f.get("problems");
            return new DataInfo(f.get("source").optionalText(), f.get("path").optionalText(),
                    f.get("classes").list(JsonField::text),
                    f.get("input_shape").list(dimension -> dimension.count(1)),
                    f.get("tracks").map(JsonField::integer), f.get("segments").map(JsonField::integer),
                    f.get("decibel_mapping").optional(DecibelMapping::parse),
                    problems.isPresent() ? problems.list(Problem::parse) : null,
                    f.get("resampled").list(Resampled::parse),
                    f.get("seconds").optionalNumber());
        }

        ObjectNode toJson() {
            ObjectNode node = ResultsJson.object();
            ResultsJson.text(node, "source", source);
            ResultsJson.text(node, "path", path);
            classes.forEach(node.putArray("classes")::add);
            inputShape.forEach(node.putArray("input_shape")::add);
            node.set("tracks", ResultsJson.members(tracks, v -> ResultsJson.JSON.getNodeFactory().numberNode(v)));
            node.set("segments", ResultsJson.members(segments, v -> ResultsJson.JSON.getNodeFactory().numberNode(v)));
            if (decibelMapping == null) {
                node.putNull("decibel_mapping");
            } else {
                ResultsJson.number(ResultsJson.number(ResultsJson.number(node.putObject("decibel_mapping"), "min_db",
                        decibelMapping.minDb()), "max_db", decibelMapping.maxDb()), "db_per_unit", decibelMapping.decibelsPerUnit());
            }
            if (problems != null) {
                problems.forEach(p -> node.withArray("problems").addObject().put("path", p.path()).put("reason", p.reason()));
                node.withArray("problems");
            }
            if (!resampled.isEmpty()) {
                node.set("resampled", ResultsJson.array(resampled, Resampled::toJson));
            }
            return ResultsJson.number(node, "seconds", seconds);
        }
    }

    /**
     * The model input's fixed dB range: input {@code 0} is {@code minDb}, input {@code 1} is {@code maxDb}.
     *
     * @param decibelsPerUnit how many dB one unit of input is (80 for [-80, 0] dB)
     */
    public record DecibelMapping(double minDb, double maxDb, double decibelsPerUnit) {
        static DecibelMapping parse(JsonField f) throws MalformedResultsException {
            double perUnit = f.require("db_per_unit").number();
            if (!(perUnit > 0)) {
                throw f.get("db_per_unit").error("expected a positive number of dB per input unit, found " + perUnit);
            }
            return new DecibelMapping(f.get("min_db").optionalNumber(), f.get("max_db").optionalNumber(), perUnit);
        }
    }

    /**
     * Files read at one sample rate and resampled to the front end's.
     *
     * @param fromHz   the files' rate
     * @param toHz     the front end's rate
     * @param files    how many files
     * @param examples the first few, by path
     */
    public record Resampled(double fromHz, long toHz, long files, List<String> examples) {
        static Resampled parse(JsonField f) throws MalformedResultsException {
            return new Resampled(f.require("from_hz").number(), f.require("to_hz").integer(), f.require("files").integer(),
                    f.get("examples").list(JsonField::text));
        }

        com.fasterxml.jackson.databind.JsonNode toJson() {
            ObjectNode node = ResultsJson.number(ResultsJson.object(), "from_hz", fromHz);
            node.put("to_hz", toHz).put("files", files);
            examples.forEach(node.putArray("examples")::add);
            return node;
        }

        /** "resampled from 44100 Hz to 22050 Hz: 3 file(s), e.g. ...". */
        @Override
        public String toString() {
            return org.advmusic.audio.io.WavReader.Mono.resampling((float) fromHz, (int) toHz) + ": " + files
                    + " file(s), e.g. " + String.join(", ", examples);
        }
    }

    /** A data file that could not be used, and why. */
    public record Problem(String path, String reason) {
        static Problem parse(JsonField f) throws MalformedResultsException {
            return new Problem(f.require("path").text(), f.require("reason").text());
        }
    }
}
