package org.advmusic.experiments.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.advmusic.attacks.AttackResult;
import org.advmusic.attacks.InputBox;
import org.advmusic.attacks.Norm;
import org.advmusic.attacks.Pgd;
import org.advmusic.attacks.Targeting;
import org.advmusic.attacks.ThreatModel;
import org.advmusic.audio.features.FrontEndSettings;
import org.advmusic.audio.features.LogMelSegmenter;
import org.advmusic.audio.features.SegmentSettings;
import org.advmusic.audio.features.SegmentedTrack;
import org.advmusic.audio.io.WavReader;
import org.advmusic.audio.waveform.AudioBudget;
import org.advmusic.audio.waveform.Pcm16;
import org.advmusic.audio.waveform.VerifiedWav;
import org.advmusic.audio.waveform.WaveformFrontEnd;
import org.advmusic.engine.Autograd;
import org.advmusic.engine.Backend;
import org.advmusic.engine.MemoryScope;
import org.advmusic.engine.Tensor;
import org.advmusic.experiments.config.ExperimentConfig;
import org.advmusic.experiments.results.AudioBudgets;
import org.advmusic.experiments.results.AudioExample;
import org.advmusic.nn.Model;
import org.advmusic.nn.WaveformClassifier;

/**
 * The waveform study: a few correctly classified test tracks attacked in the waveform itself, through
 * the differentiable front end ({@link WaveformClassifier}: the unit is the whole track, its
 * prediction the song-level rule). Every point an attack checks is first put on the 16-bit grid
 * ({@link Pcm16}), so a success survives writing the file. Per track:
 * <ul>
 *   <li>PGD-Linf at {@code audio.pgd_peak_dbfs} (default -40 dBFS); its result is written as 16-bit PCM, read back
 *       exactly as the data loader reads a track and classified again; only a file the pipeline
 *       misclassifies is written as {@code <id>-pgd-linf.wav};</li>
 *   <li>the minimal perturbations of a minimum-norm attack in L2 (DDN when {@code attacks.ddn_steps} > 0,
 *       else FMN) and in Linf (FMN), stated as the SNR and the peak dBFS at which the track is lost;</li>
 *   <li>the input-domain attack of the run (PGD at the reference budget on the track's log-mel
 *       segments), whose track-level outcome is compared with the waveform attack's.</li>
 * </ul>
 * Writes {@code audio/<id>-clean.wav}, {@code <id>-pgd-linf.wav} (verified only) and
 * {@code <id>-perturbation.wav} (the perturbation alone, normalised to {@code audio.perturbation_peak_dbfs}).
 * A track stored at another sample rate than the front end's is resampled to it, and its entry says so.
 */
public final class AudioStage {
    private static final String ATTACK_FILE = "pgd-linf";
    /** The waveform's box: full scale. */
    private static final InputBox FULL_SCALE = new InputBox(-1, 1);

    private AudioStage() {
    }

    /**
     * What the stage produced.
     *
     * @param tracks  one entry per track (none when the study did not run)
     * @param budgets the budgets it ran at; null when it did not run
     */
    public record Outcome(List<AudioExample> tracks, AudioBudgets budgets) {
        static final Outcome SKIPPED = new Outcome(List.of(), null);
    }

    /**
     * Attacks up to {@code audio.examples} correctly classified test tracks in the waveform, at the
     * budgets of {@code audio}, each track cut into segments as {@code segments} says; returns one entry
     * per track (none when the data has no audio) and the budgets.
     */
    public static Outcome run(TrainingStage.Trained target, PreparedData data, AttackFactory factory,
                              ExperimentConfig.AudioConfig audio, SegmentSettings segments, RunDirectory run) {
        PreparedData.SegmentOrigins origins = data.test().origins();
        int examples = audio.examples();
        if (origins == null || examples == 0) {
            System.out.println("audio: skipped (" + (origins == null ? "the data set has no audio" : "audio.examples is 0") + ")");
            return Outcome.SKIPPED;
        }
        if (Double.isNaN(data.decibelsPerUnit())) {
            System.out.println("audio: skipped (the differentiable front end makes fixed-dB-map inputs; this run's"
                    + " data.preprocessing is not reproduced by it, so a waveform attack would not attack the model's inputs)");
            return Outcome.SKIPPED;
        }
        Model model = target.model();
        model.eval();
        FrontEndSettings frontEnd = origins.frontEnd();
        Study study = new Study(model, data, factory, audio, frontEnd, segments, target.checkpoint());
        Map<String, Integer> tracks = firstSegmentOfEachTrack(origins, data.test().data().labels());
        List<AudioExample> entries = new ArrayList<>();
        int stride = Math.max(1, tracks.size() / examples);
        List<String> sources = new ArrayList<>(tracks.keySet());
        for (int t = 0; t < sources.size() && entries.size() < examples; t += stride) {
            String source = sources.get(t);
            Path file = origins.root().resolve(source);
            WavReader.Mono track;
            try {
                track = WavReader.readMonoAt(file, frontEnd.sampleRate());
            } catch (IOException e) {
                System.out.println("audio: " + file + " cannot be read (" + e.getMessage() + "); track skipped");
                continue;
            }
            if (track.resampled()) {
                System.out.println("audio: " + file + " " + track.resampling() + " (the front end's rate)");
            }
            int label = tracks.get(source);
            String id = "track-" + entries.size();
            try (MemoryScope scope = MemoryScope.open()) {
                entries.add(study.track(id, track, label, run));
            } catch (IOException e) {
                throw new UncheckedIOException("audio example " + id + " cannot be written: " + e.getMessage(), e);
            }
        }
        return new Outcome(entries, new AudioBudgets(audio.pgdPeakDbfs(), audio.perturbationPeakDbfs(),
                audio.snrBudgetsDb(), audio.peakBudgetsDbfs()));
    }

    /** Each test track's source path (in order of first appearance) and its label. */
    private static Map<String, Integer> firstSegmentOfEachTrack(PreparedData.SegmentOrigins origins, int[] labels) {
        Map<String, Integer> tracks = new LinkedHashMap<>();
        for (int i = 0; i < origins.sources().length; i++) {
            tracks.putIfAbsent(origins.sources()[i], labels[i]);
        }
        return tracks;
    }

    /** The attacks and checks of one run, applied track by track. */
    private static final class Study {
        private final Model model;
        private final PreparedData data;
        private final AttackFactory factory;
        private final ExperimentConfig.AudioConfig audio;
        private final WaveformFrontEnd waveformFrontEnd;
        private final LogMelSegmenter segmenter;
        private final VerifiedWav wavs;
        private final WaveformClassifier classifier;
        private final String checkpoint;
        private final Backend backend;

        Study(Model model, PreparedData data, AttackFactory factory, ExperimentConfig.AudioConfig audio,
              FrontEndSettings frontEnd, SegmentSettings segments, String checkpoint) {
            this.model = model;
            this.data = data;
            this.factory = factory;
            this.audio = audio;
            this.waveformFrontEnd = new WaveformFrontEnd(frontEnd, segments);
            this.segmenter = new LogMelSegmenter(frontEnd, segments);
            this.wavs = new VerifiedWav(segmenter, frontEnd.sampleRate());
            // every point is put on the 16-bit grid before the front end (identity gradient), so the
            // attacks' own success checks hold for the written file
            this.classifier = new WaveformClassifier(x -> waveformFrontEnd.modelInputs(Pcm16.quantizeStraightThrough(x)),
                    model);
            this.checkpoint = checkpoint;
            this.backend = data.test().data().inputs().backend();
        }

        AudioExample track(String id, WavReader.Mono track, int label, RunDirectory run) throws IOException {
            float[] samples = track.samples();
            String resampled = track.resampled() ? "; the file was " + track.resampling() + " (the front end's rate)" : "";
            int k = waveformFrontEnd.segmentsPerTrack(samples.length);
            String name = data.classes().get(label);
            if (k == 0) {
                System.out.println("audio: a " + name + " track is shorter than one segment; skipped");
                return note(name, "track shorter than one segment: not attacked" + resampled);
            }
            float[] clean = Pcm16.quantize(Arrays.copyOf(samples, k * waveformFrontEnd.segments().segmentSamples()));
            Tensor x = Tensor.fromArray(backend, clean, 1, clean.length);
            int[] labels = {label};
            int cleanPrediction = predict(x);
            if (cleanPrediction != label) {
                return note(name, "clean track predicted " + data.classes().get(cleanPrediction) + ": not attacked"
                        + resampled);
            }
            String cleanFile = "audio/" + id + "-clean.wav";
            wavs.write(run.file(cleanFile), clean);
            boolean silent = AudioBudget.linf(clean) == 0;
            ThreatModel reference = new ThreatModel(Norm.LINF, AudioBudget.amplitudeForPeakDbfs(audio.pgdPeakDbfs()),
                    FULL_SCALE, Targeting.untargeted());
            Pgd pgd = new Pgd(reference, factory.pgdSettings());
            AttackResult attacked = pgd.run(classifier, x, labels);
            float[] adversarial = Pcm16.quantize(attacked.adversarial().toFloatArray());
            float[] perturbation = new float[clean.length];
            for (int i = 0; i < clean.length; i++) {
                perturbation[i] = adversarial[i] - clean[i];
            }
            String adversarialFile = "audio/" + id + "-" + ATTACK_FILE + ".wav";
            VerifiedWav.Reanalysis reanalysis = wavs.writeIf(run.file(adversarialFile), adversarial,
                    this::trackPrediction, prediction -> prediction != label);
            double peak = AudioBudget.linf(perturbation);
            double gainDb = peak > 0 ? audio.perturbationPeakDbfs() - AudioBudget.peakDbfs(peak) : 0;
            float[] audible = new float[perturbation.length];
            for (int i = 0; i < audible.length; i++) {
                audible[i] = (float) (perturbation[i] * Math.pow(10, gainDb / 20));
            }
            String perturbationFile = "audio/" + id + "-perturbation.wav";
            wavs.write(run.file(perturbationFile), audible);
            int ownPrediction = attacked.adversarialPredictions()[0];
            double[] inputDomain = inputDomain(clean, label);
            return new AudioExample(name, cleanFile, reanalysis.verified() ? adversarialFile : null,
                    attacked.attack(), reference.describe() + " (" + AudioBudget.describe(true, audio.pgdPeakDbfs()) + ")",
                    ownPrediction < 0 ? "(not finite)" : data.classes().get(ownPrediction), attacked.succeeded(0),
                    data.classes().get(reanalysis.prediction()), AudioBudget.snrDb(clean, perturbation),
                    AudioBudget.peakDbfs(peak), inputLinfDecibels(clean, adversarial), perturbationFile, gainDb,
                    silent ? Double.NaN : minimalSnr(x, labels, clean), minimalPeak(x, labels), inputDomain[0] > 0,
                    inputDomain[1],
                    "waveform attack through the differentiable front end, 16-bit PCM inside the attack loop; "
                            + "the file is named adversarial only when read back by the data loader and misclassified"
                            + (silent ? "; silent track: zero reference power, SNR undefined" : "") + resampled, checkpoint);
        }

        private AudioExample note(String label, String method) {
            return new AudioExample(label, null, null, null, null, null, null, null, Double.NaN, Double.NaN, Double.NaN,
                    null, Double.NaN, Double.NaN, Double.NaN, null, Double.NaN, method, checkpoint);
        }

        /** The track-level prediction of the waveform classifier. */
        private int predict(Tensor x) {
            try (var ignored = Autograd.noGrad()) {
                return classifier.logits(x).argmaxLastAxis()[0];
            }
        }

        /** The pipeline's song-level prediction from a track's offline model inputs (summed log-probabilities). */
        private int trackPrediction(SegmentedTrack track) {
            try (MemoryScope scope = MemoryScope.open(); var ignored = Autograd.noGrad()) {
                Tensor inputs = Tensor.fromArray(backend, track.inputs(), track.segments(), 1, segmenter.melBands(),
                        segmenter.frames());
                return model.logits(inputs).logSoftmax(-1).sum(true, 0).argmaxLastAxis()[0];
            }
        }

        /** The largest change of the model input (dB) that the waveform change caused, read as the loader reads. */
        private double inputLinfDecibels(float[] clean, float[] adversarial) {
            float[] before = segmenter.segment(clean).inputs();
            float[] after = segmenter.segment(adversarial).inputs();
            double max = 0;
            for (int i = 0; i < before.length; i++) {
                max = Math.max(max, Math.abs(after[i] - before[i]));
            }
            return max * data.decibelsPerUnit();
        }

        /** The SNR of the smallest L2 perturbation that fools the model (NaN when none was found). */
        private double minimalSnr(Tensor x, int[] labels, float[] clean) {
            AttackResult result = factory.minimumNorm(Norm.L2, FULL_SCALE).run(classifier, x, labels);
            return result.succeeded(0) ? 20 * Math.log10(AudioBudget.l2(clean) / result.l2()[0]) : Double.NaN;
        }

        /** The peak (dBFS) of the smallest Linf perturbation that fools the model (NaN when none was found). */
        private double minimalPeak(Tensor x, int[] labels) {
            AttackResult result = factory.minimumNorm(Norm.LINF, FULL_SCALE).run(classifier, x, labels);
            return result.succeeded(0) ? AudioBudget.peakDbfs(result.linf()[0]) : Double.NaN;
        }

        /**
         * The run's input-domain PGD (reference budget, on the track's log-mel segments): {1 when the track's
         * song-level prediction changed else 0, the largest input change in dB}.
         */
        private double[] inputDomain(float[] clean, int label) {
            SegmentedTrack track = segmenter.segment(clean);
            Tensor inputs = Tensor.fromArray(backend, track.inputs(), track.segments(), 1, segmenter.melBands(),
                    segmenter.frames());
            int[] labels = new int[track.segments()];
            Arrays.fill(labels, label);
            AttackResult result = factory.pgd(factory.budgets().reference()).run(model, inputs, labels);
            double linf = Arrays.stream(result.linf()).max().orElse(0) * data.decibelsPerUnit();
            try (var ignored = Autograd.noGrad()) {
                int prediction = model.logits(result.adversarial()).logSoftmax(-1).sum(true, 0).argmaxLastAxis()[0];
                return new double[] {prediction != label ? 1 : 0, linf};
            }
        }
    }
}
