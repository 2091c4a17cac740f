package org.advmusic.experiments.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.advmusic.engine.io.Safetensors;
import org.knowm.xchart.XYChart;

/**
 * Adversarial examples from {@code tensors/examples.safetensors}: for each sample and attack, the
 * original, the adversarial and the difference spectrogram side by side; and per attack, the
 * histogram of the perturbation's values.
 */
final class ExampleFigures {
    static final String FILE = "tensors/examples.safetensors";
    private static final String CLEAN = "clean";
    private static final String PREDICTIONS = "_predictions";

    private ExampleFigures() {
    }

    /** One attacked version of the samples. */
    private record Attacked(String name, List<Grid> inputs, int[] predictions, String threatModel) {
        String label() {
            return name.toUpperCase(Locale.ROOT);
        }
    }

    /** One sample's description from the file's {@code samples} metadata; label -1 when unknown. */
    private record SampleInfo(String title, int label) {
    }

    static void write(ReportContext context) throws IOException {
        Path file = context.runDirectory().resolve(FILE);
        if (!Files.exists(file)) {
            return;
        }
        try {
            draw(context, file, Safetensors.readContents(file));
        } catch (IOException e) {
            context.problem("adversarial examples not drawn: " + e.getMessage());
        }
    }

    private static void draw(ReportContext context, Path file, Safetensors.Contents contents) throws IOException {
        Map<String, Safetensors.StoredTensor> tensors = contents.tensors();
        if (!tensors.containsKey(CLEAN)) {
            throw SpectrogramTensors.tensorError(file, CLEAN, "missing; found only " + tensors.keySet());
        }
        List<Grid> clean = SpectrogramTensors.samples(file, CLEAN, tensors.get(CLEAN));
        int[] cleanPredictions = predictions(file, tensors, CLEAN, clean.size());
        List<SampleInfo> samples = sampleInfo(file, contents.metadata(), clean.size());
        List<Attacked> attacks = new ArrayList<>();
        for (Map.Entry<String, Safetensors.StoredTensor> entry : tensors.entrySet()) {
            String name = entry.getKey();
            if (name.equals(CLEAN) || name.endsWith(PREDICTIONS)) {
                continue;
            }
            List<Grid> inputs = SpectrogramTensors.samples(file, name, entry.getValue());
            SpectrogramTensors.requireSameSize(file, name, inputs, clean, CLEAN);
            attacks.add(new Attacked(name, inputs, predictions(file, tensors, name, clean.size()),
                    contents.metadata().getOrDefault(name + "_threat_model", "threat model not recorded")));
        }
        RunMetrics metrics = context.metrics();
        RunMetrics.DecibelMapping mapping = metrics.data() == null ? null : metrics.data().decibelMapping();
        double perUnit = metrics.decibelsPerUnit();
        for (Attacked attack : attacks) {
            double largest = 0;
            for (int k = 0; k < clean.size(); k++) {
                largest = Math.max(largest, attack.inputs().get(k).minus(clean.get(k)).maxAbs());
            }
            double range = largest > 0 ? largest : 1e-3; // an attack that changed nothing still gets a readable bar
            for (int k = 0; k < clean.size(); k++) {
                SampleInfo sample = samples.get(k);
                Grid original = clean.get(k);
                Grid adversarial = attack.inputs().get(k);
                List<HeatmapPanel> panels = List.of(
                        new HeatmapPanel("original: predicted " + predicted(metrics, cleanPredictions, k),
                                new HeatmapPanel.Layer(original, ColorMap.VIRIDIS, 0, 1, 1), null, "model input",
                                SpectrogramTensors.inputTicks(mapping)),
                        new HeatmapPanel(attack.label() + ": predicted " + predicted(metrics, attack.predictions(), k),
                                new HeatmapPanel.Layer(adversarial, ColorMap.VIRIDIS, 0, 1, 1), null, "model input",
                                SpectrogramTensors.inputTicks(mapping)),
                        new HeatmapPanel("difference (adversarial - original)",
                                new HeatmapPanel.Layer(adversarial.minus(original), ColorMap.BLUE_WHITE_RED, -range, range, 1),
                                null, "difference", SpectrogramTensors.differenceTicks(perUnit)));
                String title = sample.title() + (sample.label() < 0 ? "" : ", true class " + metrics.className(sample.label()))
                        + ": " + attack.label()
                        + " (white-box, " + attack.threatModel() + ")";
                context.figure(Section.EXAMPLES, "example " + k + " " + attack.name(), title, attack.label() + " examples",
                        figure -> HeatmapFigure.write(figure, title, "time frame", "mel band", panels));
            }
            perturbationHistogram(context, attack, clean, perUnit);
        }
    }

    /** The values of {@code adversarial - clean} over all samples, leaving out the cells the attack did not change. */
    private static void perturbationHistogram(ReportContext context, Attacked attack, List<Grid> clean, double perUnit)
            throws IOException {
        List<Double> changed = new ArrayList<>();
        long cells = 0;
        for (int k = 0; k < clean.size(); k++) {
            for (double v : attack.inputs().get(k).minus(clean.get(k)).values()) {
                cells++;
                if (v != 0 && Double.isFinite(v)) {
                    changed.add(v);
                }
            }
        }
        if (changed.isEmpty()) {
            context.problem(attack.label() + " left every example unchanged: no perturbation histogram drawn");
            return;
        }
        double[] values = changed.stream().mapToDouble(Double::doubleValue).toArray();
        double largest = HistogramChart.largestMagnitude(values);
        XYChart chart = Charts.lineChart(attack.label() + " perturbation values over " + clean.size() + " examples",
                "adversarial - original (" + Format.inputUnits(perUnit) + ")", "input cells");
        chart.getStyler().setLegendVisible(false);
        HistogramChart.add(chart, attack.label(), values, -largest, largest); // centred on no change
        String caption = attack.label() + " (white-box, " + attack.threatModel() + "): values of the perturbation in the "
                + changed.size() + " of " + cells + " input cells it changed (unchanged cells left out).";
        context.figure(Section.EXAMPLES, "perturbation " + attack.name(), caption, null, file -> Charts.write(chart, file));
    }

    private static int[] predictions(Path file, Map<String, Safetensors.StoredTensor> tensors, String name, int count)
            throws MalformedResultsException {
        Safetensors.StoredTensor tensor = tensors.get(name + PREDICTIONS);
        return tensor == null ? null : SpectrogramTensors.classIndices(file, name + PREDICTIONS, tensor, count);
    }

    private static String predicted(RunMetrics metrics, int[] predictions, int k) {
        return predictions == null ? "not recorded" : metrics.className(predictions[k]);
    }

    /** The {@code samples} metadata: a JSON list of {index, track, label, class}, one per row; generic titles when absent. */
    private static List<SampleInfo> sampleInfo(Path file, Map<String, String> metadata, int count)
            throws MalformedResultsException {
        List<SampleInfo> out = new ArrayList<>();
        String text = metadata.get("samples");
        if (text != null) {
            List<JsonField> entries = JsonField.parse(file, "metadata samples", text).elements();
            if (entries.size() != count) {
                throw new MalformedResultsException(file, "metadata samples", "expected " + count + " entries, one per "
                        + "sample, found " + entries.size());
            }
            for (JsonField entry : entries) {
                Long index = entry.get("index").optionalInteger();
                String track = entry.get("track").optionalText();
                out.add(new SampleInfo("Test sample " + (index == null ? "?" : index) + (track == null ? "" : " (" + track + ")"),
                        entry.require("label").count(0)));
            }
            return out;
        }
        for (int k = 0; k < count; k++) {
            out.add(new SampleInfo("Example " + k, -1));
        }
        return out;
    }
}
