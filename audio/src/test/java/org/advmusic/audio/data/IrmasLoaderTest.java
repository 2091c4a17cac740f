package org.advmusic.audio.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IRMAS-style folders of 3 s, 44.1 kHz stereo excerpts with tags in their names. */
class IrmasLoaderTest {
    @TempDir
    Path root;

    @Test
    void instrumentFromFolderTagsFromNamesExcerptsGroupedByRecording() throws IOException {
        Fixtures.tone(root.resolve("cel/008__[cel][nod][cla]0058__1.wav"), 3.0, 44100, 2, 220);
        Fixtures.tone(root.resolve("cel/008__[cel][nod][cla]0058__2.wav"), 3.0, 44100, 2, 220);
        Fixtures.tone(root.resolve("flu/[flu][pop_roc]0123__1.wav"), 3.0, 44100, 2, 880);
        Fixtures.tone(root.resolve("flu/[sax][dru][jaz_blu]0007__3.wav"), 3.0, 44100, 2, 880);

        LoadResult<IrmasLoader.Excerpts> result = IrmasLoader.load(root, ClassFolderLoader.defaults().withThreads(2));
        IrmasLoader.Excerpts excerpts = result.data();
        SegmentDataset data = excerpts.segments();
        assertEquals(List.of("cel", "flu"), data.classNames());
        assertEquals(4, data.size(), "3 s at 44.1 kHz resample to exactly one 66150-sample segment each");
        assertArrayEquals(new int[] {0, 0, 1, 1}, data.labels());
        assertArrayEquals(new String[] {"cla", "cla", "pop_roc", "jaz_blu"}, excerpts.genreTags());
        assertArrayEquals(new String[] {"nod", "nod", "", "dru"}, excerpts.drumTags());
        assertEquals("cel/008__[cel][nod][cla]0058", data.trackIds()[0]);
        assertEquals(data.trackIds()[0], data.trackIds()[1], "excerpts of one recording share a track id");
        assertEquals("cel/008__[cel][nod][cla]0058__2.wav", data.sources()[1]);
        assertEquals(1, result.report().notes().size(), result.report().toString());
        assertTrue(result.report().notes().get(0).message().contains("do not start with the folder's instrument 'flu'"));

        IrmasLoader.Excerpts subset = excerpts.select(new int[] {3});
        assertArrayEquals(new String[] {"dru"}, subset.drumTags());
    }
}
