package org.advmusic.audio.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.advmusic.audio.dsp.Resampler;
import org.junit.jupiter.api.Test;

/**
 * The front end against values computed by librosa 0.11.0 itself ({@code src/test/resources/librosa/},
 * written by {@code make_reference.py} there) for a 3 s test signal defined in closed form (a chirp, an
 * amplitude-modulated tone, LCG noise and a click every 0.5 s), rebuilt here sample for sample:
 * the [0, 1] log-mel model input, all 53 tabular features (chroma with tuning 0) and the resampler
 * against librosa's default resampler (soxr, very high quality).
 */
class LibrosaReferenceTest {
    private static final int SAMPLE_RATE = 22050;
    private static final int LENGTH = 66150;

    @Test
    void logMelModelInputEqualsLibrosa() throws IOException {
        float[] expected = floats("/librosa/logmel_unit.f32");
        SegmentedTrack ours = new LogMelSegmenter(FrontEndSettings.librosaDefaults(), SegmentSettings.defaults())
                .segment(signal());
        assertEquals(1, ours.segments());
        assertEquals(expected.length, ours.inputs().length, "128 x 130");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], ours.inputs()[i], 2e-5, "mel " + i / 130 + ", frame " + i % 130
                    + " (2e-5 of the 80 dB range is 0.0016 dB)");
        }
    }

    @Test
    void tabularFeaturesEqualLibrosa() throws IOException {
        JsonNode expected = reference().path("features");
        float[] ours = new TabularFeatures(FrontEndSettings.librosaDefaults()).compute(signal());
        List<String> names = TabularFeatures.featureNames();
        for (int i = 0; i < names.size(); i++) {
            double value = expected.path(names.get(i)).asDouble(Double.NaN);
            assertEquals(value, ours[i], 1e-4 * Math.abs(value) + 1e-6, names.get(i));
        }
    }

    @Test
    void resamplingEqualsLibrosasSoxr() throws IOException {
        JsonNode expected = reference();
        int n = 3 * 44100;
        float[] tones = new float[n];
        for (int i = 0; i < n; i++) {
            double t = i / 44100.0;
            tones[i] = (float) (0.3 * Math.sin(2 * Math.PI * 1234.5 * t) + 0.2 * Math.sin(2 * Math.PI * 9000 * t)
                    + 0.1 * Math.sin(2 * Math.PI * 15000 * t));
        }
        float[] ours = Resampler.resample(tones, 44100, SAMPLE_RATE);
        assertEquals(expected.path("resampled_length").asInt(), ours.length);
        JsonNode slice = expected.path("resampled_10000_to_10400");
        for (int i = 0; i < slice.size(); i++) {
            assertEquals(slice.get(i).asDouble(), ours[10000 + i], 1e-6, "sample " + (10000 + i));
        }
    }

    /** The test signal of make_reference.py. */
    static float[] signal() {
        double[] x = new double[LENGTH];
        long state = 12345;
        for (int i = 0; i < LENGTH; i++) {
            double t = i / (double) SAMPLE_RATE;
            state = state * 6364136223846793005L + 1442695040888963407L;
            double noise = (state >>> 11) * 0x1.0p-53 * 2 - 1;
            x[i] = 0.3 * Math.sin(2 * Math.PI * (200 * t + (4000 - 200) / (2 * 3.0) * t * t))
                    + 0.2 * Math.sin(2 * Math.PI * 440 * t) * (0.5 + 0.5 * Math.sin(2 * Math.PI * 2 * t))
                    + 0.05 * noise;
        }
        for (int start = 0; start < LENGTH; start += 11025) {
            for (int k = 0; k < Math.min(1000, LENGTH - start); k++) {
                x[start + k] += 0.4 * Math.exp(-k / 200.0) * Math.sin(2 * Math.PI * 1000 * k / SAMPLE_RATE);
            }
        }
        float[] out = new float[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            out[i] = (float) x[i];
        }
        return out;
    }

    private static JsonNode reference() throws IOException {
        try (InputStream in = LibrosaReferenceTest.class.getResourceAsStream("/librosa/reference.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static float[] floats(String resource) throws IOException {
        try (InputStream in = LibrosaReferenceTest.class.getResourceAsStream(resource)) {
            ByteBuffer bytes = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[bytes.remaining() / 4];
            bytes.asFloatBuffer().get(out);
            return out;
        }
    }
}
