package org.advmusic.audio.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.advmusic.audio.io.WavEncoding;
import org.advmusic.audio.io.WavWriter;
import org.advmusic.audio.synth.SyntheticInstruments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IRMAS training and test layouts, with every kind of bad file reported by path and the rest used. */
class IrmasFeatureSetTest {
    @TempDir
    Path root;

    @Test
    void trainingSetReportsBadFilesAndUsesTheRest() throws Exception {
        Path training = root.resolve("IRMAS-TrainingData");
        SyntheticInstruments.generate(training, 1, 3L, 2);
        float[] clip = SyntheticInstruments.render("pia", 5, 3L);
        Path mono = training.resolve("pia/mono.wav");
        WavWriter.write(mono, clip, 44100, WavEncoding.PCM_16);
        Path shortFile = training.resolve("pia/short.wav");
        float[] half = java.util.Arrays.copyOf(clip, 44100);
        WavWriter.write(shortFile, new float[][] {half, half}, 44100, WavEncoding.PCM_16);
        Path broken = training.resolve("flu/broken.wav");
        Files.writeString(broken, "not a RIFF file");

        LoadResult<IrmasFeatureSet> loaded = IrmasFeatureSet.loadTraining(training, 44100, 2);
        IrmasFeatureSet set = loaded.data();
        assertEquals(11, set.size());
        assertEquals(25, set.features()[0].length);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10), java.util.Arrays.stream(set.labels()).boxed().toList());
        String report = loaded.report().problems().toString();
        assertTrue(report.contains(mono.toString()) && report.contains("mono"), report);
        assertTrue(report.contains(shortFile.toString()) && report.contains("1.000 s"), report);
        assertTrue(report.contains(broken.toString()) && report.contains("unreadable"), report);
    }

    @Test
    void testSetIsMultiLabelWithAnnotationsChecked() throws Exception {
        Path test = root.resolve("IRMAS-TestingData-Part1/Part1");
        Files.createDirectories(test);
        float[] longer = new float[5 * 44100];
        System.arraycopy(SyntheticInstruments.render("flu", 1, 3L), 0, longer, 0, 132300);
        WavWriter.write(test.resolve("a.wav"), new float[][] {longer, longer}, 44100, WavEncoding.PCM_16);
        Files.writeString(test.resolve("a.txt"), "flu\t\nvoi\n");
        WavWriter.write(test.resolve("b.wav"), new float[][] {longer, longer}, 44100, WavEncoding.PCM_16);
        Files.writeString(test.resolve("b.txt"), "kazoo\n");
        WavWriter.write(test.resolve("c.wav"), new float[][] {longer, longer}, 44100, WavEncoding.PCM_16);

        LoadResult<IrmasFeatureSet> loaded = IrmasFeatureSet.loadTest(root, 44100, 1);
        IrmasFeatureSet set = loaded.data();
        assertEquals(1, set.size());
        assertArrayEquals(new int[] {2, 10}, set.labelSets()[0]);
        assertTrue(set.correct(0, 10) && set.correct(0, 2) && !set.correct(0, 0));
        String report = loaded.report().problems().toString();
        assertTrue(report.contains("b.txt") && report.contains("'kazoo'"), report);
        assertTrue(report.contains("c.wav") && report.contains("no annotation"), report);
    }
}
