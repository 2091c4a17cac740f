package org.advmusic.engine.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** JCuda's native libraries are unpacked into a private directory, never to a fixed name in the shared temp folder. */
class PrivateNativeDirectoryTest {

    @Test
    void theDirectoryIsOwnerOnlyAndTheTempFolderPropertyIsRestored() throws Exception {
        Path dir = PrivateNativeDirectory.get();
        assertSame(dir, PrivateNativeDirectory.get());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        String before = System.getProperty("java.io.tmpdir");
        assertEquals(dir.toString(), PrivateNativeDirectory.whileLoading(() -> System.getProperty("java.io.tmpdir")));
        assertEquals(before, System.getProperty("java.io.tmpdir"));
    }

    @Test
    void theDriverBindingsAreUnpackedIntoThePrivateDirectory() {
        String name = System.mapLibraryName("JCudaDriver-12.6.0-linux-x86_64");
        assumeTrue(System.getProperty("os.name").startsWith("Linux") && System.getProperty("os.arch").equals("amd64"),
                "the JCuda natives on the class path are the linux-x86_64 ones");
        for (String p : System.getProperty("java.library.path").split(File.pathSeparator)) {
            assumeTrue(!Files.exists(Path.of(p, name)), "JCuda is installed on java.library.path: nothing is unpacked");
        }
        new CudaBackend().unavailableReason(); // loads the driver bindings, whether or not a GPU is present
        assertTrue(Files.isRegularFile(PrivateNativeDirectory.get().resolve(name)),
                name + " should have been unpacked into " + PrivateNativeDirectory.get());
    }
}
