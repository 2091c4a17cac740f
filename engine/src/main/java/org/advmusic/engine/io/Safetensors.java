package org.advmusic.engine.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.advmusic.engine.Backend;
import org.advmusic.engine.DType;
import org.advmusic.engine.Shape;
import org.advmusic.engine.Tensor;

/**
 * Reads and writes the safetensors format: an 8-byte little-endian header length, a JSON header
 * mapping each name to {@code {"dtype", "shape", "data_offsets": [begin, end]}} (offsets into the
 * data section) plus an optional {@code "__metadata__"} map of strings, then the raw little-endian
 * data. Files are written atomically (a temporary file renamed into place). Reading accepts F64,
 * F32, F16, BF16, I64, I32, I16, I8, U8 and BOOL (PyTorch state dicts hold I64 counters) and
 * converts on load.
 */
public final class Safetensors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_HEADER_BYTES = 100L << 20;
    private static final String METADATA = "__metadata__";

    private Safetensors() {
    }

    /** One tensor as stored: its dtype name, shape and values widened to double. */
    public record StoredTensor(String dtype, Shape shape, double[] values) {
        /** The values as a tensor on {@code backend}. */
        public Tensor toTensor(Backend backend) {
            return Tensor.fromArray(backend, values, shape.dims());
        }
    }

    /** The contents of a file: tensors in file order and the metadata strings. */
    public record Contents(Map<String, StoredTensor> tensors, Map<String, String> metadata) {
        /** All tensors on {@code backend}, in file order. */
        public Map<String, Tensor> toTensors(Backend backend) {
            Map<String, Tensor> out = new LinkedHashMap<>();
            tensors.forEach((name, t) -> out.put(name, t.toTensor(backend)));
            return out;
        }
    }

    /** Writes {@code tensors} in their backend's dtype (F32 or F64). */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        write(file, tensors, metadata, null);
    }

    /**
     * Writes {@code tensors} (in map order) converted to {@code dtype} (F32 or F64; null keeps each
     * tensor's own), with {@code metadata} (may be empty), atomically.
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata, DType dtype)
            throws IOException {
        ObjectNode header = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode meta = header.putObject(METADATA);
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getKey().equals(METADATA)) {
                throw new IllegalArgumentException("safetensors: '" + METADATA + "' cannot name a tensor");
            }
            Tensor t = e.getValue();
            DType type = dtype != null ? dtype : t.dtype();
            long bytes = (long) t.size() * type.bytes();
            ObjectNode entry = header.putObject(e.getKey());
            entry.put("dtype", type.name());
            ArrayNode shape = entry.putArray("shape");
            for (int d : t.shape().dims()) {
                shape.add(d);
            }
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8; // align the data section to 8 bytes with spaces
        ByteBuffer prefix = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        prefix.putLong(padded).put(json);
        while (prefix.hasRemaining()) {
            prefix.put((byte) ' ');
        }
        prefix.flip();

        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(ch, prefix);
            for (Tensor t : tensors.values()) {
                DType type = dtype != null ? dtype : t.dtype();
                ByteBuffer data = ByteBuffer.allocate(t.size() * type.bytes()).order(ByteOrder.LITTLE_ENDIAN);
                if (type == DType.F32) {
                    data.asFloatBuffer().put(t.toFloatArray());
                } else {
                    data.asDoubleBuffer().put(t.toDoubleArray());
                }
                writeFully(ch, data);
            }
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** Reads every tensor onto {@code backend}. */
    public static Map<String, Tensor> read(Path file, Backend backend) throws IOException {
        return readContents(file).toTensors(backend);
    }

    /**
     * Reads and validates a whole file.
     *
     * @throws SafetensorsException naming the file and what is wrong (truncated, bad header, unknown
     *                              dtype, offsets that do not match the shape or the file)
     */
    public static Contents readContents(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < 8) {
            throw new SafetensorsException(file, "file has " + all.length + " bytes; a safetensors file starts with an 8-byte header length");
        }
        ByteBuffer buf = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = buf.getLong();
        if (headerLength <= 0 || headerLength > MAX_HEADER_BYTES || headerLength > all.length - 8) {
            throw new SafetensorsException(file, "header length " + headerLength + " does not fit a file of "
                    + all.length + " bytes (not a safetensors file, or truncated)");
        }
        JsonNode header;
        try {
            header = JSON.readTree(new String(all, 8, (int) headerLength, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new SafetensorsException(file, "header is not valid JSON: " + e.getOriginalMessage());
        }
        if (header == null || !header.isObject()) {
            throw new SafetensorsException(file, "header is not a JSON object");
        }
        long dataStart = 8 + headerLength;
        long dataLength = all.length - dataStart;
        Map<String, StoredTensor> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals(METADATA)) {
                e.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            tensors.put(e.getKey(), readTensor(file, e.getKey(), e.getValue(), buf, dataStart, dataLength));
        }
        return new Contents(tensors, metadata);
    }

    private static StoredTensor readTensor(Path file, String name, JsonNode entry, ByteBuffer buf, long dataStart,
                                           long dataLength) throws SafetensorsException {
        JsonNode dtypeNode = entry.get("dtype");
        JsonNode shapeNode = entry.get("shape");
        JsonNode offsets = entry.get("data_offsets");
        if (dtypeNode == null || shapeNode == null || !shapeNode.isArray() || offsets == null || !offsets.isArray()
                || offsets.size() != 2) {
            throw new SafetensorsException(file, "tensor '" + name + "' needs dtype, shape and two data_offsets; found " + entry);
        }
        String dtype = dtypeNode.asText();
        int width = switch (dtype) {
            case "F64", "I64" -> 8;
            case "F32", "I32" -> 4;
            case "F16", "BF16", "I16" -> 2;
            case "I8", "U8", "BOOL" -> 1;
            default -> throw new SafetensorsException(file, "tensor '" + name + "' has unsupported dtype " + dtype);
        };
        int[] dims = new int[shapeNode.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shapeNode.get(i).asInt(-1);
            if (dims[i] < 0) {
                throw new SafetensorsException(file, "tensor '" + name + "' has an invalid shape " + shapeNode);
            }
        }
        Shape shape = Shape.of(dims);
        long begin = offsets.get(0).asLong(-1);
        long end = offsets.get(1).asLong(-1);
        if (begin < 0 || end < begin || end > dataLength) {
            throw new SafetensorsException(file, "tensor '" + name + "' has data_offsets [" + begin + ", " + end
                    + "] outside the data section of " + dataLength + " bytes (truncated file?)");
        }
        if (end - begin != (long) shape.size() * width) {
            throw new SafetensorsException(file, "tensor '" + name + "' of shape " + shape + " and dtype " + dtype
                    + " needs " + (long) shape.size() * width + " bytes but its offsets span " + (end - begin));
        }
        double[] values = new double[shape.size()];
        int base = (int) (dataStart + begin);
        for (int i = 0; i < values.length; i++) {
            int at = base + i * width;
            values[i] = switch (dtype) {
                case "F64" -> buf.getDouble(at);
                case "F32" -> buf.getFloat(at);
                case "F16" -> halfToFloat(buf.getShort(at));
                case "BF16" -> Float.intBitsToFloat((buf.getShort(at) & 0xFFFF) << 16);
                case "I64" -> buf.getLong(at);
                case "I32" -> buf.getInt(at);
                case "I16" -> buf.getShort(at);
                case "I8" -> buf.get(at);
                default -> buf.get(at) & 0xFF; // U8, BOOL
            };
        }
        return new StoredTensor(dtype, shape, values);
    }

    /** IEEE 754 binary16 to float (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short bits) {
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        if (exponent == 0x1F) { // infinity or NaN
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        if (exponent == 0) { // zero or subnormal: mantissa * 2^-24
            float magnitude = mantissa * 0x1.0p-24f;
            return sign != 0 ? -magnitude : magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
