package org.advmusic.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.advmusic.engine.Backends;
import org.advmusic.experiments.Main;
import org.advmusic.experiments.cli.Commands;
import org.advmusic.experiments.config.ConfigLoader;
import org.advmusic.experiments.config.ExperimentConfig;
import org.advmusic.experiments.pipeline.AttackCell;
import org.advmusic.experiments.pipeline.AttackTrack;
import org.advmusic.experiments.pipeline.AttackTracks;
import org.advmusic.experiments.pipeline.DataStage;
import org.advmusic.experiments.pipeline.DefenseStage;
import org.advmusic.experiments.pipeline.RobustnessStage;
import org.advmusic.experiments.results.DefenseSampleRow;
import org.advmusic.experiments.results.RobustnessMetrics;
import org.advmusic.experiments.results.RunMetrics;
import org.advmusic.experiments.results.SampleRow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny study (4 synthetic test tracks x 6 attack cells, one defended model, 18 defense cells) swept in
 * local[2]: equal to the single-machine demo of the same config row for row and table for table,
 * resumable, extendable, and refusing what would mix incompatible rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SweepEndToEndTest {
    private Path dir;
    private ObjectNode tree;
    private Sweep.Result first;

    /** The tiny study: 4 test tracks of 2 segments, FGSM and PGD at 2 budgets, FMN, the genetic attack. */
    private static final List<String> OVERRIDES = List.of("device=cpu", "data.synthetic.tracks_per_genre=3",
            "data.synthetic.seconds=6", "training.epochs=4", "training.learning_rate=0.005", "attacks.samples=8",
            "attacks.pgd_steps=3", "attacks.fmn_steps=4", "attacks.genetic_queries=40", "attacks.epsilons=[0,0.01,0.03]",
            "attacks.checklist=false", "attacks.examples=2", "defenses.evaluation_epsilons=[0.01,0.03]", "defenses.pure=false",
            "defenses.squeezing_training_bits=0", "defenses.epochs=2", "defenses.pgd_steps=2", "defenses.evaluation_pgd_steps=3",
            "defenses.robust_validation_samples=0", "gradcam.misclassified=1", "audio.examples=1");

    /** The grid and the defense cells of the baseline (nothing trained after it, no other driver stage): what the resumption tests need. */
    private static final String[] RESUMED = {"attacks.examples=0", "defenses.mixed=false", "gradcam.enabled=false",
        "audio.examples=0"};

    private List<String> overrides(String... extra) {
        List<String> all = new ArrayList<>(OVERRIDES);
        all.addAll(List.of("data.path=" + dir.resolve("data"), "data.cache=" + dir.resolve("cache")));
        all.addAll(List.of(extra));
        return all;
    }

    private ObjectNode config(String... extra) {
        return ConfigLoader.resolve("demo", overrides(extra)).tree();
    }

    @BeforeAll
    void sweepOnce(@TempDir Path shared) {
        dir = shared;
        SharedSpark.session();
        tree = config();
        first = Sweep.run(tree, new Sweep.Settings(null, 3, dir.resolve("sweep"), 0), () -> false);
    }

    @Test
    void sweepEqualsTheSingleMachineDemoRowForRowAndTableForTable() throws Exception {
        Path single = dir.resolve("single");
        List<String> args = new ArrayList<>(List.of("demo", "--config", "demo", "--out", single.toString()));
        overrides().forEach(o -> args.addAll(List.of("--set", o)));
        assertEquals(0, Commands.commandLine(new Main()).execute(args.toArray(String[]::new)));

        assertTrue(first.complete());
        List<SampleRow> rows = first.sweep().rows();
        assertEquals(4 * 2 * 6, rows.size(), "4 tracks x 2 segments x 6 cells");
        long attacked = rows.stream().filter(r -> r.status().equals("SUCCEEDED") || r.status().equals("FAILED")).count();
        assertTrue(attacked >= 12, "the attacks ran on " + attacked + " of " + rows.size() + " samples");
        String samples = RobustnessStage.samplesFile(Sweep.MODEL);
        List<String> singleRows = withoutLastColumn(single.resolve(samples)); // the last column: seconds
        assertEquals(rows.size() + 1, singleRows.size());
        assertEquals(singleRows, withoutLastColumn(dir.resolve("sweep").resolve(samples)));

        RobustnessMetrics expected = RunMetrics.read(single.resolve("metrics.json")).robustness();
        RobustnessMetrics recorded = RunMetrics.read(dir.resolve("sweep/metrics.json")).robustness();
        assertEquals(withoutSeconds(expected), withoutSeconds(recorded));
        List<String> tables = fileNames(single.resolve("tables"));
        assertTrue(tables.stream().anyMatch(n -> n.contains("defense")), "defense tables in " + tables);
        assertEquals(tables, fileNames(dir.resolve("sweep/tables")));
        for (String table : tables) {
            assertEquals(withoutSecondsColumn(single.resolve("tables").resolve(table)),
                    withoutSecondsColumn(dir.resolve("sweep/tables").resolve(table)), table);
        }
        assertEquals(headings(single.resolve("report.html")), headings(dir.resolve("sweep/report.html")));

        // the defense comparison ran as sweep cells: 4 views (baseline, adversarial-mixed, squeezed baseline naive and
        // adaptive) x FGSM and PGD x 2 budgets, and the detector under 2 attacks
        assertEquals(18, first.sweep().defenses().cellsRun());
        assertEquals(18 * 8, first.sweep().defenses().rows().size());
        List<String> singleDefenseRows = withoutLastColumn(single.resolve(DefenseStage.SAMPLES_FILE));
        assertEquals(18 * 8 + 1, singleDefenseRows.size());
        assertEquals(singleDefenseRows, withoutLastColumn(dir.resolve("sweep").resolve(DefenseStage.SAMPLES_FILE)));
    }

    @Test
    void interruptedSweepResumesToTheSameRowsAndExtendsWithNewCellsOnly() throws Exception {
        Path out = dir.resolve("resumed");
        ObjectNode grid = config(RESUMED);
        AtomicInteger jobsStarted = new AtomicInteger();
        Sweep.Result stopped = Sweep.run(grid, new Sweep.Settings(null, 2, out, 1), () -> jobsStarted.getAndIncrement() >= 2);
        assertFalse(stopped.complete());
        assertEquals(2, stopped.sweep().cellsRun());
        assertEquals(null, stopped.sweep().defenses(), "stopped in the attack grid: no defense job");
        // a job killed mid-write leaves Spark's _temporary folder behind; the next run discards it
        Path pending = out.resolve(SparkSweep.ROWS).resolve("_temporary/0/task_killed");
        Files.createDirectories(pending);
        Files.writeString(pending.resolve("part-00000.parquet"), "half a file");

        // the rest of the grid in one job of 4 cells, then 2 jobs of 4 of the 14 defense cells, then stopped
        AtomicInteger moreJobs = new AtomicInteger();
        Sweep.Result defensesStopped = Sweep.run(grid, new Sweep.Settings(null, 2, out, 4), () -> moreJobs.getAndIncrement() >= 3);
        assertFalse(defensesStopped.complete());
        assertEquals(4, defensesStopped.sweep().cellsRun());
        assertEquals(8, defensesStopped.sweep().defenses().cellsRun());
        assertFalse(Files.exists(out.resolve(SparkSweep.ROWS).resolve("_temporary")));
        Path pendingDefense = out.resolve(DefenseSweep.ROWS).resolve("_temporary/0/task_killed");
        Files.createDirectories(pendingDefense);
        Files.writeString(pendingDefense.resolve("part-00000.parquet"), "half a file");

        Sweep.Result resumed = Sweep.run(grid, new Sweep.Settings(null, 2, out, 0), () -> false);
        assertTrue(resumed.complete());
        assertEquals(0, resumed.sweep().cellsRun());
        assertEquals(14 - 8, resumed.sweep().defenses().cellsRun());
        assertEquals(timeless(first.sweep().rows()), timeless(resumed.sweep().rows()));
        List<DefenseSampleRow> resumedDefenses = resumed.sweep().defenses().rows();
        assertEquals(14 * 8, resumedDefenses.size());
        java.util.Set<String> cells = new java.util.HashSet<>();
        resumedDefenses.forEach(r -> cells.add(r.sample().cell()));
        assertEquals(timelessDefenses(first.sweep().defenses().rows().stream().filter(r -> cells.contains(r.sample().cell())).toList()),
                timelessDefenses(resumedDefenses), "the same rows as the uninterrupted sweep (3 shards there, 2 here)");
        assertFalse(Files.exists(out.resolve(DefenseSweep.ROWS).resolve("_temporary")));

        List<String> wider = new ArrayList<>(List.of(RESUMED));
        wider.add("attacks.epsilons=[0,0.01,0.03,0.05]");
        Sweep.Result extended = Sweep.run(config(wider.toArray(String[]::new)), new Sweep.Settings(null, 2, out, 0), () -> false);
        assertEquals(2, extended.sweep().cellsRun(), "only FGSM and PGD at the new budget run");
        assertEquals(0, extended.sweep().defenses().cellsRun(), "the defense cells are all done");
        assertEquals(8 * 8, extended.sweep().rows().size());
    }

    @Test
    void resumingWithAChangedConfigIsRefusedNamingTheField() throws Exception {
        Path out = dir.resolve("sweep");
        long before = Files.getLastModifiedTime(out.resolve("metrics.json")).toMillis();
        SweepException seed = assertThrows(SweepException.class,
                () -> Sweep.run(config("seed=8"), new Sweep.Settings(null, 2, out, 0), () -> false));
        assertTrue(seed.getMessage().contains("'seed'"), seed.getMessage());
        SweepException data = assertThrows(SweepException.class,
                () -> Sweep.run(config("data.synthetic.seed=43"), new Sweep.Settings(null, 2, out, 0), () -> false));
        assertTrue(data.getMessage().contains("'data.synthetic.seed'"), data.getMessage());
        SweepException squeezer = assertThrows(SweepException.class,
                () -> Sweep.run(config("defenses.squeezing_bits=4"), new Sweep.Settings(null, 2, out, 0), () -> false));
        assertTrue(squeezer.getMessage().contains("'defenses.squeezing_bits'"), squeezer.getMessage());
        assertEquals(before, Files.getLastModifiedTime(out.resolve("metrics.json")).toMillis(), "nothing written");
    }

    @Test
    void unreachableMasterFailsBeforeAnythingIsWritten() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path out = dir.resolve("never");
        String master = "spark://127.0.0.1:" + port;
        SweepException e = assertThrows(SweepException.class,
                () -> Sweep.run(tree, new Sweep.Settings(master, 2, out, 0), () -> false));
        assertTrue(e.getMessage().contains(master), e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void unloadableTracksAreReportedAndTheRestEvaluated() throws Exception {
        List<SampleRow> rows = first.sweep().rows();
        Path broken = dir.resolve("broken.wav");
        Files.writeString(broken, "not a RIFF file");
        ExperimentConfig config = Sweep.bind(tree);
        AttackTrack good = new AttackTrack(rows.get(0).track(), rows.get(0).label(),
                AttackTracks.select(DataStage.prepare(config.data(), config.model(), Backends.get("cpu")).data().test(), 8,
                        config.seed()).get(0).file());
        AttackTrack bad = new AttackTrack("broken", 0, broken.toString());
        AttackTrack missing = new AttackTrack("missing", 1, dir.resolve("missing.wav").toString());
        AttackCell fgsm = new AttackCell("FGSM", org.advmusic.attacks.Norm.LINF, 0.01, 0, 1);
        SparkSweep.Plan plan = new SparkSweep.Plan(List.of(bad, good, missing), List.of(fgsm), 2, 1, Sweep.MODEL,
                tree.toString(), 0, 1, null, new int[] {1, 128, 130}, "cpu", 1, 3, 1);
        SparkSweep.Outcome outcome = SparkSweep.run(SharedSpark.session(), dir.resolve("shard-problems"), plan,
                CheckpointBytes.read(dir.resolve("sweep/checkpoints/baseline")), () -> false);
        assertEquals(List.of("broken", "missing"), outcome.problems().stream().map(f -> f.track().track()).toList());
        assertTrue(outcome.problems().get(0).problem().contains("RIFF"), outcome.problems().get(0).problem());
        assertEquals(2, outcome.rows().size());
        assertTrue(outcome.rows().stream().allMatch(r -> r.track().equals(good.track())));
    }

    private static List<String> fileNames(Path folder) throws java.io.IOException {
        try (var files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The section and table headings of a report, in order. */
    private static List<String> headings(Path report) throws java.io.IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<h[1-4][^>]*>(.*?)</h[1-4]>").matcher(Files.readString(report));
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        assertTrue(found.size() > 3, "headings " + found + " in " + report);
        return found;
    }

    /** The lines of a table without its wall-time columns ({@code seconds}, {@code training seconds}, ...). */
    private static List<String> withoutSecondsColumn(Path csv) throws java.io.IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty()) {
            return lines;
        }
        List<String> header = fields(lines.get(0));
        return lines.stream().map(line -> {
            List<String> fields = fields(line);
            List<String> kept = new ArrayList<>();
            for (int i = 0; i < fields.size(); i++) {
                if (i >= header.size() || !header.get(i).contains("seconds")) {
                    kept.add(fields.get(i));
                }
            }
            return String.join(",", kept);
        }).toList();
    }

    /** The fields of a CSV line (quoted fields hold commas: split on commas outside quotes). */
    private static List<String> fields(String line) {
        return List.of(line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1));
    }

    /** The lines of a CSV file without their last field (the per-sample rows' wall time). */
    private static List<String> withoutLastColumn(Path csv) throws java.io.IOException {
        return Files.readAllLines(csv).stream().map(line -> line.substring(0, line.lastIndexOf(','))).toList();
    }

    private static List<SampleRow> timeless(List<SampleRow> rows) {
        return rows.stream().map(SampleRow::withoutTime).toList();
    }

    private static List<DefenseSampleRow> timelessDefenses(List<DefenseSampleRow> rows) {
        return rows.stream().map(DefenseSampleRow::withoutTime).toList();
    }

    /**
     * The section as a JSON tree without the wall times (the only values that differ between runs),
     * every non-finite number as null (metrics.json keeps an infinite budget as null).
     */
    private static JsonNode withoutSeconds(RobustnessMetrics m) {
        JsonNode tree = new ObjectMapper().valueToTree(m);
        tree.path("reports").forEach(r -> ((ObjectNode) r).remove("seconds"));
        nullNonFinite(tree);
        return tree;
    }

    private static void nullNonFinite(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (object.get(name).isNumber() && !Double.isFinite(object.get(name).asDouble())) {
                    object.putNull(name);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isNumber() && !Double.isFinite(array.get(i).asDouble())) {
                    array.setNull(i);
                }
            }
        }
        node.forEach(SweepEndToEndTest::nullNonFinite);
    }
}
