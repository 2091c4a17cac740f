package org.advmusic.experiments.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.advmusic.attacks.AttackResult;
import org.advmusic.attacks.Fmn;
import org.advmusic.attacks.InputBox;
import org.advmusic.attacks.Norm;
import org.advmusic.attacks.Pgd;
import org.advmusic.attacks.Targeting;
import org.advmusic.attacks.ThreatModel;
import org.advmusic.audio.features.FrontEndSettings;
import org.advmusic.audio.features.LogMelSegmenter;
import org.advmusic.audio.features.SegmentSettings;
import org.advmusic.audio.features.SegmentedTrack;
import org.advmusic.audio.waveform.AudioBudget;
import org.advmusic.audio.waveform.Pcm16;
import org.advmusic.audio.waveform.VerifiedWav;
import org.advmusic.audio.waveform.WaveformFrontEnd;
import org.advmusic.engine.Autograd;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.advmusic.nn.WaveformClassifier;
import org.advmusic.nn.models.GenreCnn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Existing attacks run unchanged on a {@link WaveformClassifier} (a narrow GenreCnn behind the
 * quantising front end), and what they return holds after the file is written: the prediction of
 * the pipeline on the 16-bit WAV read back equals the attack's own.
 */
class WaveformAttackTest {
    private static final Backend CPU = Backends.get("cpu");
    private static final InputBox FULL_SCALE = new InputBox(-1, 1);

    private final GenreCnn model = new GenreCnn(Shape.of(1, 128, 130), 10, GenreCnn.Options.withWidth(0.125), CPU, 5);
    private final WaveformFrontEnd frontEnd = WaveformFrontEnd.defaults();
    private final WaveformClassifier classifier = new WaveformClassifier(
            x -> frontEnd.modelInputs(Pcm16.quantizeStraightThrough(x)), model);
    private final LogMelSegmenter segmenter = new LogMelSegmenter(FrontEndSettings.librosaDefaults(), SegmentSettings.defaults());

    private static float[] track() {
        float[] x = new float[66150];
        for (int i = 0; i < x.length; i++) {
            double t = i / 22050.0;
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * 220 * t) * Math.exp(-2 * (t % 0.5))
                    + 0.1 * Math.sin(2 * Math.PI * 1760 * t));
        }
        return Pcm16.quantize(x);
    }

    private int trackPrediction(SegmentedTrack track) {
        try (var ignored = Autograd.noGrad()) {
            Tensor inputs = Tensor.fromArray(CPU, track.inputs(), track.segments(), 1, 128, 130);
            return model.logits(inputs).logSoftmax(-1).sum(true, 0).argmaxLastAxis()[0];
        }
    }

    @Test
    void pgdOnTheWaveformGivesAFileThatThePipelineClassifiesAsTheAttackDid(@TempDir Path dir) throws IOException {
        model.eval();
        float[] clean = track();
        Tensor x = Tensor.fromArray(CPU, clean, 1, clean.length);
        int label;
        try (var ignored = Autograd.noGrad()) {
            label = classifier.logits(x).argmaxLastAxis()[0];
        }
        assertEquals(label, trackPrediction(segmenter.segment(clean)), "graph and loader agree on the clean track");
        ThreatModel tm = new ThreatModel(Norm.LINF, AudioBudget.amplitudeForPeakDbfs(-20), FULL_SCALE, Targeting.untargeted());
        AttackResult result = new Pgd(tm, Pgd.Settings.madry(10)).run(classifier, x, new int[] {label});
        assertTrue(result.succeeded(0), "PGD at -20 dBFS fools an untrained narrow CNN");
        float[] written = Pcm16.quantize(result.adversarial().toFloatArray());
        VerifiedWav wavs = new VerifiedWav(segmenter, 22050);
        VerifiedWav.Reanalysis reanalysis = wavs.writeIf(dir.resolve("adv.wav"), written, this::trackPrediction,
                p -> p != label);
        assertEquals(result.adversarialPredictions()[0], reanalysis.prediction(), "the file read back is classified as the attack saw it");
        assertTrue(reanalysis.verified() && Files.isRegularFile(dir.resolve("adv.wav")));
        double peak = AudioBudget.linf(difference(written, clean));
        assertTrue(AudioBudget.peakDbfs(peak) <= -20 + 0.01, "peak " + AudioBudget.peakDbfs(peak) + " dBFS within the budget");
    }

    @Test
    void aMinimumNormAttackRunsOnTheWaveformUnchanged() {
        model.eval();
        float[] clean = track();
        Tensor x = Tensor.fromArray(CPU, clean, 1, clean.length);
        int label;
        try (var ignored = Autograd.noGrad()) {
            label = classifier.logits(x).argmaxLastAxis()[0];
        }
        ThreatModel unbounded = new ThreatModel(Norm.L2, Double.POSITIVE_INFINITY, FULL_SCALE, Targeting.untargeted());
        AttackResult result = new Fmn(unbounded, Fmn.Settings.standard(15)).run(classifier, x, new int[] {label});
        assertTrue(result.succeeded(0));
        double snr = 20 * Math.log10(AudioBudget.l2(clean) / result.l2()[0]);
        assertTrue(Double.isFinite(snr) && snr > 0, "minimal SNR " + snr);
    }

    @Test
    void aWaveformOutsideFullScaleIsRefusedNamingItsRange() {
        Tensor loud = Tensor.full(CPU, Shape.of(1, 66150), 1.5);
        ThreatModel tm = new ThreatModel(Norm.LINF, 0.01, FULL_SCALE, Targeting.untargeted());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Pgd(tm, Pgd.Settings.madry(2)).run(classifier, loud, new int[] {0}));
        assertTrue(e.getMessage().contains("1.5"), e.getMessage());
        IllegalArgumentException direct = assertThrows(IllegalArgumentException.class, () -> classifier.logits(loud));
        assertTrue(direct.getMessage().contains("[-1, 1]"), direct.getMessage());
    }

    private static float[] difference(float[] a, float[] b) {
        float[] d = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }
}
