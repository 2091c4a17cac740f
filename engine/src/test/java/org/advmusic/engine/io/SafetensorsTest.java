package org.advmusic.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.advmusic.engine.Backend;
import org.advmusic.engine.Backends;
import org.advmusic.engine.DType;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    private final Backend r = Backends.reference();

    @TempDir
    Path dir;

    @Test
    void roundTripIsExactInBothDtypes() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("features.0.weight", Tensor.randn(r, 1, Shape.of(3, 2, 2)));
        tensors.put("scalar", Tensor.scalar(r, Math.PI));
        Path f64 = dir.resolve("a.safetensors");
        Safetensors.write(f64, tensors, Map.of("format", "pt"));
        Safetensors.Contents back = Safetensors.readContents(f64);
        assertEquals(Map.of("format", "pt"), back.metadata());
        assertEquals("F64", back.tensors().get("scalar").dtype());
        assertArrayEquals(tensors.get("features.0.weight").toDoubleArray(),
                back.tensors().get("features.0.weight").values(), 0);
        assertEquals(Shape.scalar(), back.tensors().get("scalar").shape());

        Path f32 = dir.resolve("b.safetensors");
        Safetensors.write(f32, tensors, Map.of(), DType.F32);
        Map<String, Tensor> read = Safetensors.read(f32, r);
        float[] expected = tensors.get("features.0.weight").toFloatArray();
        assertArrayEquals(expected, read.get("features.0.weight").toFloatArray(), 0);
    }

    @Test
    void headerIsAlignedAndFollowsTheSpec() throws IOException {
        Path f = dir.resolve("c.safetensors");
        Safetensors.write(f, Map.of("x", Tensor.ones(r, Shape.of(2))), Map.of(), DType.F32);
        byte[] bytes = Files.readAllBytes(f);
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, n % 8);
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8).trim();
        assertEquals("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", header);
        assertEquals(8 + n + 8, bytes.length);
    }

    @Test
    void readsTheIntegerAndHalfTypesPyTorchWrites() throws IOException {
        String header = "{\"n\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[8,12]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[12,14]}}";
        ByteBuffer data = ByteBuffer.allocate(14).order(ByteOrder.LITTLE_ENDIAN);
        data.putLong(12345L).putShort((short) 0x3C00).putShort((short) 0xC000).putShort((short) 0x3FC0);
        Path f = write(header, data.array());
        Safetensors.Contents c = Safetensors.readContents(f);
        assertEquals(12345.0, c.tensors().get("n").values()[0]);
        assertArrayEquals(new double[] {1.0, -2.0}, c.tensors().get("h").values());
        assertArrayEquals(new double[] {1.5}, c.tensors().get("b").values());
    }

    @Test
    void badFilesAreReportedByPathAndProblem() throws IOException {
        Path tooShort = dir.resolve("short.safetensors");
        Files.write(tooShort, new byte[] {1, 2, 3});
        assertProblem(tooShort, "8-byte header length");

        Path notSafetensors = dir.resolve("wav.safetensors");
        Files.write(notSafetensors, "RIFF....WAVEfmt ".getBytes(StandardCharsets.US_ASCII));
        assertProblem(notSafetensors, "header length");

        assertProblem(write("{not json", new byte[0]), "not valid JSON");
        assertProblem(write("{\"x\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", new byte[8]),
                "outside the data section");
        assertProblem(write("{\"x\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", new byte[8]),
                "needs 12 bytes");
        assertProblem(write("{\"x\":{\"dtype\":\"C64\",\"shape\":[1],\"data_offsets\":[0,8]}}", new byte[8]),
                "unsupported dtype C64");

        Path good = dir.resolve("good.safetensors");
        Safetensors.write(good, Map.of("w", Tensor.ones(r, Shape.of(10))), Map.of());
        Path truncated = dir.resolve("truncated.safetensors");
        byte[] all = Files.readAllBytes(good);
        Files.write(truncated, Arrays.copyOf(all, all.length - 5));
        assertProblem(truncated, "truncated");
    }

    private Path write(String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        Path f = Files.createTempFile(dir, "t", ".safetensors");
        Files.write(f, b.array());
        return f;
    }

    private static void assertProblem(Path file, String fragment) {
        SafetensorsException e = assertThrows(SafetensorsException.class, () -> Safetensors.readContents(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
