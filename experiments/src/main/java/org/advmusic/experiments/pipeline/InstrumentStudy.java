package org.advmusic.experiments.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.advmusic.attacks.GeneticAttack;
import org.advmusic.attacks.waveform.BandLimitedNoiseBasis;
import org.advmusic.attacks.waveform.PerturbationBasis;
import org.advmusic.attacks.waveform.RawSampleBasis;
import org.advmusic.attacks.waveform.SignalEqualizerBasis;
import org.advmusic.attacks.waveform.TargetedWaveformAttack;
import org.advmusic.attacks.waveform.WaveformScorer;
import org.advmusic.audio.Parallel;
import org.advmusic.audio.data.IrmasFeatureSet;
import org.advmusic.audio.data.LoadReport;
import org.advmusic.audio.data.LoadResult;
import org.advmusic.audio.features.InstrumentFeatures;
import org.advmusic.audio.io.WavEncoding;
import org.advmusic.audio.io.WavReader;
import org.advmusic.audio.io.WavWriter;
import org.advmusic.audio.synth.SyntheticInstruments;
import org.advmusic.audio.waveform.AudioBudget;
import org.advmusic.audio.waveform.Pcm16;
import org.advmusic.engine.Backends;
import org.advmusic.engine.DType;
import org.advmusic.engine.Tensor;
import org.advmusic.engine.io.Safetensors;
import org.advmusic.experiments.config.InstrumentsConfig;
import org.advmusic.experiments.results.InstrumentResults;
import org.advmusic.nn.svm.CandidateScore;
import org.advmusic.nn.svm.FeatureScaler;
import org.advmusic.nn.svm.RandomizedSearch;
import org.advmusic.nn.svm.SearchSpace;
import org.advmusic.nn.svm.StratifiedKFold;
import org.advmusic.nn.svm.SvcCheckpoint;
import org.advmusic.nn.svm.SvcModel;

/**
 * Seed 004's instrument study: the 25 per-file features of IRMAS (or of the synthetic instrument
 * set), z-scored on the training files, an RBF SVC tuned by a randomized search with stratified
 * cross-validation and refit, its test scores, targeted genetic attacks on the audio signal (each
 * reported success verified by writing the 16-bit WAV and classifying the file read back; the attack
 * queries the box on the 16-bit grid, {@link Pcm16}, so it sees what the file will hold), and
 * white-box PGD/FMN on the standardised features for comparison. Writes
 * {@code checkpoints/svc/model.safetensors}, {@code tensors/features-{train,test}.safetensors},
 * {@code audio/targeted/*.wav} and {@code instruments.json}.
 */
public final class InstrumentStudy {
    private InstrumentStudy() {
    }

    /** The study's data: raw features of the training and test files and where their audio is. */
    record Split(IrmasFeatureSet train, IrmasFeatureSet test, Path trainRoot, Path testRoot, List<String> problems) {
    }

    /** Runs the whole study into {@code run}; returns what it measured (also written to instruments.json). */
    public static InstrumentResults run(InstrumentsConfig config, long seed, int threads, RunDirectory run) {
        try {
            return study(config, seed, Math.max(1, threads), run);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InstrumentResults study(InstrumentsConfig config, long seed, int threads, RunDirectory run)
            throws IOException {
        Split split = load(config, seed, threads);
        List<String> classes = split.train().classNames();
        FeatureScaler scaler = FeatureScaler.fit(split.train().features());
        double[][] trainX = scaler.apply(split.train().features());
        double[][] testX = scaler.apply(split.test().features());
        int[] trainY = split.train().labels();

        InstrumentsConfig.SearchConfig s = config.search();
        System.out.printf(Locale.ROOT, "instruments: randomized search, %d candidates x %d folds on %d files%n",
                s.candidates(), s.folds(), trainY.length);
        long start = System.nanoTime();
        RandomizedSearch.Result search = RandomizedSearch.run(trainX, trainY,
                new SearchSpace(s.cLow(), s.cHigh(), s.gammas()), s.candidates(), s.folds(), s.seed(), threads,
                StratifiedKFold.namesOf(classes), null, s.probability() ? Long.valueOf(s.seed()) : null);
        double searchSeconds = (System.nanoTime() - start) / 1e9;
        SvcModel model = search.refit();
        SvcCheckpoint checkpoint = new SvcCheckpoint(model, classes, split.train().featureNames(), scaler);
        String checkpointFile = "checkpoints/svc/model.safetensors";
        checkpoint.save(run.file(checkpointFile));
        writeFeatures(run.file("tensors/features-train.safetensors"), trainX, trainY);
        writeFeatures(run.file("tensors/features-test.safetensors"), testX, split.test().labels());

        int[] predictions = Arrays.stream(testX).mapToInt(model::predictPosition).toArray();
        InstrumentResults.TestScores test = testScores(split.test(), predictions, classes.size());
        System.out.printf(Locale.ROOT, "instruments: best C %.3f gamma %s (CV %.3f), test accuracy %.3f, %.1f s%n",
                search.best().parameters().c(), search.best().parameters().gamma(), search.best().mean(), test.accuracy(),
                searchSeconds);

        List<InstrumentResults.TargetedAttack> targeted = TargetedStage.run(config, checkpoint, split, predictions,
                threads, run);
        List<InstrumentResults.FeatureAttack> featureAttacks = InstrumentFeatureAttacks.run(config.featureAttacks(), model,
                testX, split.test().labels(), predictions, seed);

        List<InstrumentResults.Candidate> candidates = new ArrayList<>();
        for (CandidateScore c : search.candidates()) {
            candidates.add(new InstrumentResults.Candidate(c.parameters().c(), c.parameters().gamma(),
                    c.foldAccuracies(), c.mean(), c.std(), c.rank()));
        }
        InstrumentResults results = new InstrumentResults(
                new InstrumentResults.Data(config.source(), split.trainRoot().toString(), classes,
                        split.train().featureNames(), split.train().size(), split.test().size(),
                        split.testRoot() != split.trainRoot(), split.problems()),
                new InstrumentResults.Search(s.folds(), candidates, search.best().parameters().c(),
                        search.best().parameters().gamma(), search.best().mean(), searchSeconds,
                        model.supportVectors().length),
                test, targeted, featureAttacks,
                InstrumentConfidence.run(config, checkpoint, threads, seed, run), checkpointFile);
        results.write(run.root());
        return results;
    }

    /** Loads (generating the synthetic set when asked) and splits the data; bad files are printed and recorded. */
    static Split load(InstrumentsConfig config, long seed, int threads) throws IOException {
        Path trainRoot = Path.of(config.trainingPath());
        if (config.source().equals("synthetic")) {
            System.out.printf("instruments: synthetic instrument set, %d excerpts per class, in %s%n", config.perClass(),
                    trainRoot);
            SyntheticInstruments.generate(trainRoot, config.perClass(), seed, threads);
        }
        LoadResult<IrmasFeatureSet> training = IrmasFeatureSet.loadTraining(trainRoot, config.sampleRate(), threads);
        List<String> problems = new ArrayList<>(report(training.report()));
        IrmasFeatureSet all = training.data();
        if (config.testPath() != null && !config.testPath().isBlank()) {
            Path testRoot = Path.of(config.testPath());
            LoadResult<IrmasFeatureSet> test = IrmasFeatureSet.loadTest(testRoot, config.sampleRate(), threads);
            problems.addAll(report(test.report()));
            return new Split(all, test.data(), trainRoot, testRoot, problems);
        }
        int[] folds = StratifiedKFold.assign(all.labels(), (int) Math.round(1 / config.testFraction()), seed,
                StratifiedKFold.namesOf(all.classNames()));
        return new Split(subset(all, StratifiedKFold.rows(folds, 0, false)), subset(all, StratifiedKFold.rows(folds, 0, true)),
                trainRoot, trainRoot, problems);
    }

    private static List<String> report(LoadReport report) {
        List<String> lines = report.problems().stream().map(Object::toString).toList();
        lines.forEach(line -> System.out.println("instruments: data problem: " + line));
        return lines;
    }

    private static IrmasFeatureSet subset(IrmasFeatureSet set, int[] rows) {
        return new IrmasFeatureSet(Arrays.stream(rows).mapToObj(r -> set.features()[r]).toArray(double[][]::new),
                Arrays.stream(rows).map(r -> set.labels()[r]).toArray(),
                Arrays.stream(rows).mapToObj(r -> set.labelSets()[r]).toArray(int[][]::new),
                Arrays.stream(rows).mapToObj(r -> set.sources()[r]).toArray(String[]::new), set.classNames(),
                set.featureNames());
    }

    /** Tensors {@code x} (N, 25) standardised features and {@code y} (N) labels, float64. */
    private static void writeFeatures(Path file, double[][] x, int[] y) throws IOException {
        int features = x.length == 0 ? 0 : x[0].length;
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("x", Tensor.fromArray(Backends.reference(), Arrays.stream(x).flatMapToDouble(Arrays::stream).toArray(),
                x.length, features));
        tensors.put("y", Tensor.fromArray(Backends.reference(), Arrays.stream(y).asDoubleStream().toArray(), y.length));
        Safetensors.write(file, tensors, Map.of("x", "standardised features", "y", "class labels"), DType.F64);
    }

    /** Accuracy (correct when the prediction is one of a file's instruments), confusion and per-class scores. */
    static InstrumentResults.TestScores testScores(IrmasFeatureSet test, int[] predictions, int classes) {
        int[][] confusion = new int[classes][classes];
        int correct = 0;
        for (int i = 0; i < predictions.length; i++) {
            confusion[test.labels()[i]][predictions[i]]++;
            correct += test.correct(i, predictions[i]) ? 1 : 0;
        }
        double[] precision = new double[classes];
        double[] recall = new double[classes];
        double[] f1 = new double[classes];
        for (int c = 0; c < classes; c++) {
            int truePositive = confusion[c][c];
            int predicted = 0;
            int actual = 0;
            for (int k = 0; k < classes; k++) {
                predicted += confusion[k][c];
                actual += confusion[c][k];
            }
            precision[c] = predicted == 0 ? Double.NaN : truePositive / (double) predicted;
            recall[c] = actual == 0 ? Double.NaN : truePositive / (double) actual;
            f1[c] = precision[c] + recall[c] > 0 ? 2 * precision[c] * recall[c] / (precision[c] + recall[c]) : 0;
        }
        return new InstrumentResults.TestScores(predictions.length == 0 ? Double.NaN : correct / (double) predictions.length,
                confusion, precision, recall, f1);
    }

    /** The mono waveform of a file as the loaders read it (channels mixed down, resampled). */
    static float[] readAsLoaded(Path file, int sampleRate) throws IOException {
        return WavReader.readMono(file, sampleRate);
    }

    /** The black box: waveform -> 16-bit grid -> 25 features -> z-score -> the SVC's one-vs-rest decision values. */
    static WaveformScorer scorer(SvcCheckpoint checkpoint, int sampleRate) {
        InstrumentFeatures features = new InstrumentFeatures(sampleRate);
        return waveform -> checkpoint.model().decisionFunction(checkpoint.scaler().apply(features.compute(Pcm16.quantize(waveform))));
    }

    /** The targeted waveform attacks and their verification. */
    static final class TargetedStage {
        private TargetedStage() {
        }

        private record Job(int row, int source, int target, String representation, boolean keep) {
        }

        static List<InstrumentResults.TargetedAttack> run(InstrumentsConfig config, SvcCheckpoint checkpoint, Split split,
                                                          int[] predictions, int threads, RunDirectory run) {
            InstrumentsConfig.TargetedConfig t = config.targeted();
            IrmasFeatureSet test = split.test();
            List<String> classes = test.classNames();
            List<Job> jobs = new ArrayList<>();
            int sources = 0;
            for (int source = 0; source < classes.size() && sources < t.sources(); source++) {
                int row = -1;
                for (int i = 0; i < test.size() && row < 0; i++) {
                    if (test.labels()[i] == source && test.labelSets()[i].length == 1 && predictions[i] == source) {
                        row = i;
                    }
                }
                if (row < 0) {
                    System.out.println("instruments: no correctly classified single-instrument test file of '"
                            + classes.get(source) + "'; not attacked");
                    continue;
                }
                sources++;
                for (int target : likeliestOthers(checkpoint, test.features()[row], source, t.targetsPerSource())) {
                    for (String representation : t.representations()) {
                        jobs.add(new Job(row, source, target, representation, jobs.size() < t.examples()
                                * t.representations().size()));
                    }
                }
            }
            System.out.printf("instruments: %d targeted waveform attacks (%s, peak <= %.1f dBFS, %d queries each)%n",
                    jobs.size(), String.join(" and ", t.representations()), t.peakDbfs(), t.queryBudget());
            return Parallel.map(jobs, threads, job -> attack(job, config, checkpoint, split, run));
        }

        /** The {@code count} classes other than {@code source} with the highest decision values on the clean file. */
        static int[] likeliestOthers(SvcCheckpoint checkpoint, double[] rawFeatures, int source, int count) {
            double[] scores = checkpoint.model().decisionFunction(checkpoint.scaler().apply(rawFeatures));
            return java.util.stream.IntStream.range(0, scores.length).filter(c -> c != source).boxed()
                    .sorted((a, b) -> Double.compare(scores[b], scores[a])).limit(count).mapToInt(Integer::intValue).toArray();
        }

        private static InstrumentResults.TargetedAttack attack(Job job, InstrumentsConfig config, SvcCheckpoint checkpoint,
                                                               Split split, RunDirectory run) {
            InstrumentsConfig.TargetedConfig t = config.targeted();
            List<String> classes = split.test().classNames();
            String sourceFile = split.test().sources()[job.row()];
            try {
                float[] clean = Pcm16.quantize(readAsLoaded(split.testRoot().resolve(sourceFile), config.sampleRate()));
                double highHz = Math.min(16000.0, 0.45 * config.sampleRate());
                PerturbationBasis basis = switch (job.representation()) {
                    case "raw" -> new RawSampleBasis(clean.length);
                    case "equalizer" -> new SignalEqualizerBasis(clean, config.sampleRate(), t.bands(), 60.0, highHz);
                    default -> new BandLimitedNoiseBasis(clean.length, config.sampleRate(), t.blocks(), t.bands(), 60.0,
                            highHz, 17L);
                };
                GeneticAttack.Feedback feedback = t.feedback().equals("labels") ? GeneticAttack.Feedback.LABELS
                        : GeneticAttack.Feedback.SCORES;
                GeneticAttack.Settings settings = new GeneticAttack.Settings(t.population(), t.queryBudget(), 0.3, 0.1,
                        0.15, feedback, t.minimizeSteps(), 1000L * job.row() + job.target());
                TargetedWaveformAttack.Outcome outcome = new TargetedWaveformAttack(basis, t.peakDbfs(), settings)
                        .run(clean, job.source(), job.target(), classes.size(), scorer(checkpoint, config.sampleRate()));
                float[] adversarial = Pcm16.quantize(outcome.adversarial());
                String base = String.format(Locale.ROOT, "audio/targeted/%s-%s-to-%s-%d", job.representation(),
                        classes.get(job.source()), classes.get(job.target()), job.row());
                // written under a neutral name first: only a verified success is called adversarial
                Path attemptFile = run.file(base + "-attempt.wav");
                WavWriter.write(attemptFile, new float[][] {adversarial, adversarial}, config.sampleRate(),
                        WavEncoding.PCM_16);
                // verification: the written file, read back as the loader reads it, through features, scaler and SVC
                float[] readBack = readAsLoaded(attemptFile, config.sampleRate());
                InstrumentFeatures features = new InstrumentFeatures(config.sampleRate());
                double[] verifiedFeatures = checkpoint.scaler().apply(features.compute(readBack));
                int verifiedPrediction = checkpoint.model().predictPosition(verifiedFeatures);
                Double targetProbability = checkpoint.model().hasProbabilities()
                        ? checkpoint.model().predictProbabilities(verifiedFeatures)[job.target()] : null;
                boolean verified = verifiedPrediction == job.target();
                float[] perturbation = new float[clean.length];
                for (int i = 0; i < clean.length; i++) {
                    perturbation[i] = readBack[i] - clean[i];
                }
                String cleanWav = null;
                String perturbationWav = null;
                String adversarialWav = null;
                if (job.keep()) {
                    cleanWav = base + "-clean.wav";
                    perturbationWav = base + "-perturbation.wav";
                    adversarialWav = base + (verified ? "-adversarial.wav" : "-not-adversarial.wav");
                    java.nio.file.Files.move(attemptFile, run.file(adversarialWav),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    WavWriter.write(run.file(cleanWav), new float[][] {clean, clean}, config.sampleRate(), WavEncoding.PCM_16);
                    WavWriter.write(run.file(perturbationWav), new float[][] {perturbation, perturbation},
                            config.sampleRate(), WavEncoding.PCM_16);
                } else {
                    java.nio.file.Files.deleteIfExists(attemptFile);
                }
                return new InstrumentResults.TargetedAttack(job.representation(), sourceFile, classes.get(job.source()),
                        classes.get(job.target()), outcome.succeeded(), verified, classes.get(verifiedPrediction),
                        outcome.queries(), AudioBudget.snrDb(clean, perturbation),
                        AudioBudget.peakDbfs(AudioBudget.linf(perturbation)), cleanWav, adversarialWav,
                        perturbationWav, targetProbability);
            } catch (IOException e) {
                throw new UncheckedIOException(sourceFile + ": " + e.getMessage(), e);
            }
        }
    }
}
