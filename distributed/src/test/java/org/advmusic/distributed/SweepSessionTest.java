package org.advmusic.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepSessionTest {

    @Test
    void localSessionRunsTwoTasks() {
        var spark = SharedSpark.session();
        assertEquals("local[2]", spark.sparkContext().master());
        long sum = spark.range(0, 1000, 1, 2).javaRDD().reduce(Long::sum);
        assertEquals(499500, sum);
    }

    @Test
    void warmUpWritesAndReadsBackARowInATemporaryFolderItDeletes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        double seconds = SweepSession.warmUp(SharedSpark.session(), tmp).join();
        assertTrue(seconds > 0, "the warm-up ran in local mode: " + seconds + " s");
        try (var left = java.nio.file.Files.list(tmp)) {
            assertEquals(List.of(), left.toList(), "the warm-up's folder is deleted");
        }
    }

    @Test
    void unreachableStandaloneMasterIsRefusedNamingIt() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // free once closed: nothing listens there
        }
        String master = "spark://127.0.0.1:" + port;
        SweepException e = assertThrows(SweepException.class, () -> SweepSession.requireReachable(master));
        assertTrue(e.getMessage().contains(master) && e.getMessage().contains("cannot be reached"), e.getMessage());
    }

    @Test
    void malformedLocalMasterIsRefused() {
        for (String bad : List.of("local[0]", "local[two]", "localhost")) {
            SweepException e = assertThrows(SweepException.class, () -> SweepSession.requireReachable(bad));
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
        SweepSession.requireReachable("local[*]");
        SweepSession.requireReachable("local-cluster[2,1,1024]");
    }
}
