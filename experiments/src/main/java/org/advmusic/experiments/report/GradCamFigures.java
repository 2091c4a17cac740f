package org.advmusic.experiments.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.advmusic.engine.io.Safetensors;
import org.advmusic.experiments.results.GradCamMetrics;
import org.advmusic.experiments.results.MalformedResultsException;
import org.advmusic.experiments.results.RunMetrics;

/**
 * Grad-CAM overlays from {@code tensors/gradcam.safetensors}: per sample, the clean map beside the
 * map of each attacked version, each drawn over its own input (the spectrogram in greys, the map in
 * magma, alpha-blended).
 */
final class GradCamFigures {
    static final String FILE = "tensors/gradcam.safetensors";
    private static final String INPUTS = "inputs";
    private static final String INPUTS_SUFFIX = "_inputs";
    private static final String CLEAN = "clean";
    private static final double OVERLAY_OPACITY = 0.55;

    private GradCamFigures() {
    }

    /** One Grad-CAM map per sample and the inputs it was computed on. */
    private record Maps(String name, List<Grid> maps, List<Grid> inputs) {
    }

    static void write(ReportContext context) throws IOException {
        SpectrogramTensors.drawFrom(context, FILE, "Grad-CAM overlays",
                (file, contents) -> draw(context, file, contents.tensors()));
    }

    private static void draw(ReportContext context, Path file, Map<String, Safetensors.StoredTensor> tensors) throws IOException {
        if (!tensors.containsKey(INPUTS)) {
            throw SpectrogramTensors.tensorError(file, INPUTS, "missing; found only " + tensors.keySet());
        }
        List<Grid> cleanInputs = SpectrogramTensors.samples(file, INPUTS, tensors.get(INPUTS));
        List<Maps> versions = new ArrayList<>();
        for (Map.Entry<String, Safetensors.StoredTensor> entry : tensors.entrySet()) {
            String name = entry.getKey();
            if (name.equals(INPUTS) || name.endsWith(INPUTS_SUFFIX)) {
                continue;
            }
            List<Grid> maps = SpectrogramTensors.samples(file, name, entry.getValue());
            SpectrogramTensors.requireSameSize(file, name, maps, cleanInputs, INPUTS);
            Safetensors.StoredTensor ownInputs = tensors.get(name + INPUTS_SUFFIX);
            List<Grid> inputs = cleanInputs;
            if (ownInputs != null) {
                inputs = SpectrogramTensors.samples(file, name + INPUTS_SUFFIX, ownInputs);
                SpectrogramTensors.requireSameSize(file, name + INPUTS_SUFFIX, inputs, cleanInputs, INPUTS);
            }
            versions.add(new Maps(name, maps, inputs));
        }
        versions.sort((a, b) -> Boolean.compare(!a.name().equals(CLEAN), !b.name().equals(CLEAN))); // clean first
        if (versions.isEmpty()) {
            throw new MalformedResultsException(file, "", "holds inputs but no Grad-CAM map");
        }
        GradCamMetrics gradcam = context.metrics().gradcam();
        List<GradCamMetrics.Sample> samples = gradcam == null ? List.of() : gradcam.samples();
        if (!samples.isEmpty() && samples.size() != cleanInputs.size()) {
            throw SpectrogramTensors.tensorError(file, INPUTS, "holds " + cleanInputs.size()
                    + " samples but metrics.json gradcam.samples lists " + samples.size());
        }
        for (int k = 0; k < cleanInputs.size(); k++) {
            GradCamMetrics.Sample sample = samples.isEmpty() ? null : samples.get(k);
            List<HeatmapPanel> panels = new ArrayList<>();
            for (Maps version : versions) {
                panels.add(new HeatmapPanel(panelTitle(context.metrics(), version.name(), sample),
                        new HeatmapPanel.Layer(version.inputs().get(k), ColorMap.GREYS, 0, 1, 1),
                        new HeatmapPanel.Layer(version.maps().get(k), ColorMap.MAGMA, 0, 1, OVERLAY_OPACITY),
                        "Grad-CAM (normalised)", value -> Format.decimal(value, 2)));
            }
            String title = title(context.metrics(), gradcam, sample, k);
            String caption = title + threatModels(gradcam, versions);
            context.figure(Section.GRADCAM, "gradcam " + k, caption, groupOf(sample),
                    figure -> HeatmapFigure.write(figure, title, "time frame", "mel band", panels));
        }
    }

    private static String panelTitle(RunMetrics metrics, String version, GradCamMetrics.Sample sample) {
        String label = version.toUpperCase(Locale.ROOT).equals("CLEAN") ? "clean" : version.toUpperCase(Locale.ROOT);
        Integer prediction = sample == null ? null : sample.predictions().get(version.toLowerCase(Locale.ROOT));
        return prediction == null ? label : label + ": predicted " + metrics.className(prediction);
    }

    private static String title(RunMetrics metrics, GradCamMetrics gradcam, GradCamMetrics.Sample sample, int k) {
        String method = gradcam == null || gradcam.method() == null ? "Grad-CAM" : gradcam.method();
        String where = gradcam == null ? "" : " of " + (gradcam.model() == null ? "the model" : gradcam.model())
                + (gradcam.layer() == null ? "" : " at " + gradcam.layer());
        if (sample == null) {
            return method + where + ", sample " + k;
        }
        return method + where + ", test sample " + sample.index() + (sample.track() == null ? "" : " (" + sample.track() + ")")
                + ", true class " + metrics.className(sample.label())
                + (sample.group() == null ? "" : " (" + sample.group() + ")");
    }

    private static String threatModels(GradCamMetrics gradcam, List<Maps> versions) {
        List<String> parts = new ArrayList<>();
        for (Maps version : versions) {
            if (gradcam == null || version.name().equals(CLEAN)) {
                continue;
            }
            gradcam.threatModels().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(version.name())).findFirst()
                    .ifPresent(e -> parts.add(e.getKey() + ": white-box, " + e.getValue()));
        }
        return parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")";
    }

    private static String groupOf(GradCamMetrics.Sample sample) {
        return sample == null || sample.group() == null ? "Grad-CAM overlays"
                : "Grad-CAM overlays: " + sample.group() + " samples";
    }
}
