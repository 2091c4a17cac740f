package org.advmusic.experiments.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import org.advmusic.engine.io.Safetensors;
import org.advmusic.engine.io.SafetensorsException;
import org.advmusic.experiments.results.MalformedResultsException;
import org.advmusic.experiments.results.RunMetrics;

/**
 * Reading the run's spectrogram tensors ({@code tensors/*.safetensors}) as grids, and labelling their
 * colour bars in input units and dB. A tensor of the wrong shape is reported by file, tensor name and
 * the shape found.
 */
final class SpectrogramTensors {
    private SpectrogramTensors() {
    }

    /** Draws figures from the contents of one tensor file. */
    @FunctionalInterface
    interface Drawer {
        void draw(Path file, Safetensors.Contents contents) throws IOException;
    }

    /**
     * Reads {@code relativeFile} of the run and hands it to {@code drawer}. A missing file draws
     * nothing (that stage did not run); a file that is not valid safetensors or not shaped as
     * RESULTS.md says is recorded as a problem, naming the file and the tensor, and draws nothing
     * more. Failures to write a figure still propagate.
     *
     * @param what what the file would have given, e.g. "adversarial examples"
     */
    static void drawFrom(ReportContext context, String relativeFile, String what, Drawer drawer) throws IOException {
        Path file = context.runDirectory().resolve(relativeFile);
        if (!Files.exists(file)) {
            return;
        }
        try {
            drawer.draw(file, Safetensors.readContents(file));
        } catch (SafetensorsException | MalformedResultsException e) {
            context.problem(what + " not drawn: " + e.getMessage());
        }
    }

    /**
     * Each sample of a batch of spectrograms as a grid: {@code (K, 1, H, W)} (model inputs) or
     * {@code (K, H, W)} (Grad-CAM maps) gives K grids of H rows (mel bands) and W columns (frames).
     */
    static List<Grid> samples(Path file, String name, Safetensors.StoredTensor tensor) throws MalformedResultsException {
        int[] dims = tensor.shape().dims();
        boolean channels = dims.length == 4 && dims[1] == 1;
        if (!channels && dims.length != 3) {
            throw tensorError(file, name, "expected a shape (K, 1, H, W) or (K, H, W) of "
                    + "spectrograms, found " + tensor.shape());
        }
        int rows = dims[dims.length - 2];
        int columns = dims[dims.length - 1];
        List<Grid> out = new ArrayList<>();
        for (int k = 0; k < dims[0]; k++) {
            double[] values = new double[rows * columns];
            System.arraycopy(tensor.values(), k * rows * columns, values, 0, values.length);
            out.add(new Grid(rows, columns, values));
        }
        return out;
    }

    /** A tensor of {@code count} class indices (K), as ints. */
    static int[] classIndices(Path file, String name, Safetensors.StoredTensor tensor, int count)
            throws MalformedResultsException {
        if (tensor.shape().dims().length != 1 || tensor.shape().dims()[0] != count) {
            throw tensorError(file, name, "expected a shape (" + count
                    + ") of class indices, one per sample, found " + tensor.shape());
        }
        int[] out = new int[count];
        for (int k = 0; k < count; k++) {
            out[k] = (int) Math.round(tensor.values()[k]);
        }
        return out;
    }

    /** Checks that {@code grids} has as many samples, of the same size, as {@code reference}. */
    static void requireSameSize(Path file, String name, List<Grid> grids, List<Grid> reference, String referenceName)
            throws MalformedResultsException {
        Grid first = reference.get(0);
        Grid own = grids.get(0);
        if (grids.size() != reference.size() || own.rows() != first.rows() || own.columns() != first.columns()) {
            throw tensorError(file, name, "expected " + reference.size() + " samples of "
                    + first.rows() + " x " + first.columns() + " like '" + referenceName + "', found " + grids.size()
                    + " of " + own.rows() + " x " + own.columns());
        }
    }

    /** A tensor that is not what RESULTS.md describes: names the file and the tensor. */
    static MalformedResultsException tensorError(Path file, String name, String reason) {
        return new MalformedResultsException(file, "", "tensor '" + name + "': " + reason);
    }

    /** Colour-bar labels of a model input in [0, 1]: "0.50 (-40 dB)" when the dB mapping is known. */
    static DoubleFunction<String> inputTicks(RunMetrics.DecibelMapping mapping) {
        if (mapping == null || Double.isNaN(mapping.minDb())) {
            return value -> Format.decimal(value, 2);
        }
        return value -> Format.decimal(value, 2) + " (" + Format.decimal(mapping.minDb() + value * mapping.decibelsPerUnit(), 0)
                + " dB)";
    }

    /** Colour-bar labels of a difference of inputs: "+0.010 (+0.80 dB)" when the dB mapping is known. */
    static DoubleFunction<String> differenceTicks(double decibelsPerUnit) {
        if (Double.isNaN(decibelsPerUnit)) {
            return SpectrogramTensors::signed;
        }
        return value -> signed(value) + String.format(Locale.ROOT, " (%+.2f dB)", value * decibelsPerUnit);
    }

    private static String signed(double value) {
        return (value > 0 ? "+" : "") + Format.number(value);
    }
}
