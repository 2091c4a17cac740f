package org.advmusic.engine.backend.cuda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Where JCuda's native libraries are unpacked: a fresh directory that only this user can read or
 * write, made once per JVM, instead of JCuda's fixed file names in the shared temporary folder (where
 * another user of the machine could plant a library of that name first, which JCuda would then load).
 *
 * <p>JCuda unpacks a library from its jar into {@code java.io.tmpdir} when it is not on
 * {@code java.library.path}, reading the property at that moment; so the loading of each JCuda class
 * that loads a library runs inside {@link #whileLoading}, which points the property at this directory
 * and restores it afterwards. The directory and its files are deleted when the JVM exits.
 */
final class PrivateNativeDirectory {
    private static final String TMPDIR = "java.io.tmpdir";
    private static Path directory;

    private PrivateNativeDirectory() {
    }

    /** The directory, made on first use with owner-only permissions (rwx------). */
    static synchronized Path get() {
        if (directory == null) {
            try {
                Path made = Files.createTempDirectory("advmusic-jcuda-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(made)));
                directory = made;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make a private directory for the JCuda native libraries", e);
            }
        }
        return directory;
    }

    /**
     * Runs {@code load} (the first use of a JCuda class, which loads its native library) with
     * {@code java.io.tmpdir} pointing at the private directory; restores the property afterwards.
     * Loads are serialised.
     */
    static synchronized <T> T whileLoading(Supplier<T> load) {
        String previous = System.getProperty(TMPDIR);
        System.setProperty(TMPDIR, get().toString());
        try {
            return load.get();
        } finally {
            System.setProperty(TMPDIR, previous);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // the JVM is exiting; a leftover private directory harms no one
        }
    }
}
