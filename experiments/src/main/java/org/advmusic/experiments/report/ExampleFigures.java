package org.advmusic.experiments.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.advmusic.engine.io.Safetensors;
import org.advmusic.experiments.results.JsonField;
import org.advmusic.experiments.results.MalformedResultsException;
import org.advmusic.experiments.results.RunMetrics;
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

    /**
     * One attacked version of the samples.
     *
     * @param differences {@code inputs - clean}, per sample
     * @param predictions the predicted class per sample; null when not recorded
     */
    private record Attacked(String name, List<Grid> inputs, List<Grid> differences, int[] predictions, String threatModel) {
        String label() {
            return name.toUpperCase(Locale.ROOT);
        }

        /** The largest change of any cell of any sample. */
        double largestChange() {
            return differences.stream().mapToDouble(Grid::maxAbs).max().orElse(0);
        }
    }

    /** One sample's description from the file's {@code samples} metadata; label -1 when unknown. */
    private record SampleInfo(String title, int label) {
    }

    static void write(ReportContext context) throws IOException {
        SpectrogramTensors.drawFrom(context, FILE, "adversarial examples", (file, contents) -> draw(context, file, contents));
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
            List<Grid> differences = new ArrayList<>();
            for (int k = 0; k < clean.size(); k++) {
                differences.add(inputs.get(k).minus(clean.get(k)));
            }
            attacks.add(new Attacked(name, inputs, differences, predictions(file, tensors, name, clean.size()),
                    contents.metadata().getOrDefault(name + "_threat_model", "threat model not recorded")));
        }
        for (Attacked attack : attacks) {
            for (int k = 0; k < clean.size(); k++) {
                triptych(context, k, samples.get(k), clean.get(k), cleanPredictions, attack);
            }
            perturbationHistogram(context, attack);
        }
    }

    /** Sample {@code k}: the original, its attacked version and their difference, side by side. */
    private static void triptych(ReportContext context, int k, SampleInfo sample, Grid original, int[] cleanPredictions,
                                 Attacked attack) throws IOException {
        RunMetrics metrics = context.metrics();
        RunMetrics.DecibelMapping mapping = metrics.data() == null ? null : metrics.data().decibelMapping();
        double range = attack.largestChange() > 0 ? attack.largestChange() : 1e-3; // a readable bar even without change
        List<HeatmapPanel> panels = List.of(
                new HeatmapPanel("original: predicted " + predicted(metrics, cleanPredictions, k),
                        new HeatmapPanel.Layer(original, ColorMap.VIRIDIS, 0, 1, 1), null, "model input",
                        SpectrogramTensors.inputTicks(mapping)),
                new HeatmapPanel(attack.label() + ": predicted " + predicted(metrics, attack.predictions(), k),
                        new HeatmapPanel.Layer(attack.inputs().get(k), ColorMap.VIRIDIS, 0, 1, 1), null, "model input",
                        SpectrogramTensors.inputTicks(mapping)),
                new HeatmapPanel("difference (adversarial - original)",
                        new HeatmapPanel.Layer(attack.differences().get(k), ColorMap.BLUE_WHITE_RED, -range, range, 1), null,
                        "difference", SpectrogramTensors.differenceTicks(metrics.decibelsPerUnit())));
        String title = sample.title() + (sample.label() < 0 ? "" : ", true class " + metrics.className(sample.label()))
                + ": " + attack.label() + " (" + attack.threatModel() + ")";
        context.figure(Section.EXAMPLES, "example " + k + " " + attack.name(), title, attack.label() + " examples",
                figure -> HeatmapFigure.write(figure, title, "time frame", "mel band", panels));
    }

    /** The values of {@code adversarial - clean} over all samples, leaving out the cells the attack did not change. */
    private static void perturbationHistogram(ReportContext context, Attacked attack) throws IOException {
        double[] all = attack.differences().stream().flatMapToDouble(grid -> Arrays.stream(grid.values())).toArray();
        double[] changed = Arrays.stream(all).filter(v -> v != 0 && Double.isFinite(v)).toArray();
        if (changed.length == 0) {
            return; // the attack changed none of the examples: nothing to draw
        }
        double perUnit = context.metrics().decibelsPerUnit();
        double largest = HistogramChart.largestMagnitude(changed);
        XYChart chart = Charts.lineChart(attack.label() + " perturbation values over " + attack.inputs().size() + " examples",
                "adversarial - original (" + Format.inputUnits(perUnit) + ")", "input cells");
        chart.getStyler().setLegendVisible(false);
        HistogramChart.add(chart, attack.label(), changed, -largest, largest); // centred on no change
        String caption = attack.label() + " (" + attack.threatModel() + "): values of the perturbation in the "
                + changed.length + " of " + all.length + " input cells it changed (unchanged cells left out).";
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
