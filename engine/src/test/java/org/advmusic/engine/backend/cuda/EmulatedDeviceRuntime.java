package org.advmusic.engine.backend.cuda;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import jcuda.driver.CUdeviceptr;

/**
 * A {@link DeviceRuntime} whose "device" is the kernel emulator process ({@link KernelEmulator}):
 * device memory lives there, and launches run the kernels' own source code on the CPU. With it the
 * whole CUDA backend above the driver calls (argument checks, launch shapes, argument packing, the
 * kernels' arithmetic and indexing, the fallback GEMM) runs in tests on machines without a GPU. Not
 * covered: JCuda and the driver, cuBLAS, and real GPU behaviour (warps, memory ordering, speed).
 *
 * <p>Blocks are allocated with their exact size ({@link #allocationGranule()} 4), so the emulator's
 * AddressSanitizer reports any kernel that reads or writes past a buffer.
 */
final class EmulatedDeviceRuntime implements DeviceRuntime, AutoCloseable {
    private final Process process;
    private final OutputStream requests;
    private final DataInputStream replies;
    private final StringBuffer diagnostics = new StringBuffer();
    private final Map<CUdeviceptr, Integer> ids = new IdentityHashMap<>();
    private final ThreadLocal<Boolean> current = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private int launches;

    EmulatedDeviceRuntime() {
        process = KernelEmulator.start();
        requests = process.getOutputStream();
        replies = new DataInputStream(process.getInputStream());
        Thread drain = new Thread(() -> copyInto(process.getErrorStream(), diagnostics), "kernel-emulator-stderr");
        drain.setDaemon(true);
        drain.start();
    }

    private static void copyInto(InputStream in, StringBuffer out) {
        byte[] chunk = new byte[4096];
        try {
            for (int n; (n = in.read(chunk)) > 0; ) {
                out.append(new String(chunk, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    /** Kernels launched so far. */
    synchronized int launches() {
        return launches;
    }

    // ---------------------------------------------------------------- protocol

    /** A request under construction, little-endian like the emulator. */
    private static final class Request {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Request(char kind) {
            bytes.write(kind);
        }

        Request i32(int v) {
            return put(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v));
        }

        Request i64(long v) {
            return put(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v));
        }

        Request f32(float v) {
            return put(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(v));
        }

        Request f64(double v) {
            return put(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(v));
        }

        Request tag(char t) {
            bytes.write(t);
            return this;
        }

        Request raw(byte[] data) {
            bytes.writeBytes(data);
            return this;
        }

        private Request put(ByteBuffer b) {
            bytes.writeBytes(b.array());
            return this;
        }
    }

    /** Sends the request and returns the reply's payload reader once 'K' arrived. */
    private synchronized DataInputStream send(Request request, String what) {
        try {
            requests.write(request.bytes.toByteArray());
            requests.flush();
            int status = replies.read();
            if (status == 'K') {
                return replies;
            }
            if (status == 'E') {
                byte[] message = new byte[Integer.reverseBytes(replies.readInt())];
                replies.readFully(message);
                throw new IllegalStateException("kernel emulator, " + what + ": " + new String(message, StandardCharsets.UTF_8));
            }
            throw new EOFException("reply " + status);
        } catch (IOException e) {
            throw died(what, e);
        }
    }

    private AssertionError died(String what, Exception cause) {
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new AssertionError("the kernel emulator died during " + what + " (a sanitizer report follows if it"
                + " found a bad memory access or an overflow):\n" + diagnostics, cause);
    }

    private synchronized int id(DeviceAddress address) {
        Integer id = ids.get(address.block());
        if (id == null) {
            throw new IllegalStateException("the address " + address + " is not in a live emulated block");
        }
        return id;
    }

    // ---------------------------------------------------------------- DeviceRuntime

    @Override
    public String description() {
        return "kernel emulator (the CUDA kernels compiled for the CPU)";
    }

    @Override
    public void makeCurrent() {
        current.set(Boolean.TRUE);
    }

    @Override
    public boolean isCurrentOnThisThread() {
        return current.get();
    }

    @Override
    public long allocationGranule() {
        return Float.BYTES;
    }

    @Override
    public synchronized CUdeviceptr allocate(long bytes) {
        DataInputStream reply = send(new Request('A').i64(bytes), "allocate");
        try {
            CUdeviceptr block = new CUdeviceptr();
            ids.put(block, Integer.reverseBytes(reply.readInt()));
            return block;
        } catch (IOException e) {
            throw died("allocate", e);
        }
    }

    @Override
    public synchronized void free(CUdeviceptr block) {
        Integer id = ids.remove(block);
        if (id == null) {
            throw new IllegalStateException("freeing a block that is not live");
        }
        send(new Request('F').i32(id), "free");
    }

    @Override
    public String memoryUsage() {
        return ids.size() + " emulated blocks";
    }

    @Override
    public void upload(float[] source, DeviceAddress target) {
        ByteBuffer data = ByteBuffer.allocate(source.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(source);
        upload(data.array(), target);
    }

    @Override
    public void upload(int[] source, DeviceAddress target) {
        ByteBuffer data = ByteBuffer.allocate(source.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        data.asIntBuffer().put(source);
        upload(data.array(), target);
    }

    private void upload(byte[] data, DeviceAddress target) {
        send(new Request('U').i32(id(target)).i64(target.byteOffset()).i64(data.length).raw(data), "upload");
    }

    @Override
    public synchronized void download(DeviceAddress source, float[] target) {
        DataInputStream reply = send(new Request('D').i32(id(source)).i64(source.byteOffset())
                .i64((long) target.length * Float.BYTES), "download");
        try {
            byte[] data = new byte[target.length * Float.BYTES];
            reply.readFully(data);
            ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(target);
        } catch (IOException e) {
            throw died("download", e);
        }
    }

    @Override
    public void copy(DeviceAddress source, DeviceAddress target, long bytes) {
        send(new Request('C').i32(id(source)).i64(source.byteOffset()).i32(id(target)).i64(target.byteOffset()).i64(bytes),
                "copy");
    }

    @Override
    public void fill(DeviceAddress target, long count, int bits) {
        send(new Request('M').i32(id(target)).i64(target.byteOffset()).i64(count).i32(bits), "fill");
    }

    @Override
    public synchronized void launch(Kernel kernel, LaunchShape shape, KernelArguments arguments) {
        byte[] name = kernel.entry().getBytes(StandardCharsets.US_ASCII);
        Request r = new Request('L').i32(name.length).raw(name)
                .i32(shape.gridX()).i32(shape.gridY()).i32(shape.gridZ()).i32(shape.blockX()).i32(shape.blockY())
                .i32(arguments.list().size());
        for (KernelArguments.Argument a : arguments.list()) {
            if (a instanceof KernelArguments.Address p) {
                r.tag('P').i32(id(p.address())).i64(p.address().byteOffset());
            } else if (a instanceof KernelArguments.Int32 i) {
                r.tag('i').i32(i.value());
            } else if (a instanceof KernelArguments.Float32 f) {
                r.tag('f').f32(f.value());
            } else if (a instanceof KernelArguments.Float64 d) {
                r.tag('d').f64(d.value());
            } else if (a instanceof KernelArguments.Int64 l) {
                r.tag('l').i64(l.value());
            } else {
                int[] fields = ((KernelArguments.IntStruct) a).fields();
                r.tag('S').i32(fields.length * Integer.BYTES);
                for (int field : fields) {
                    r.i32(field);
                }
            }
        }
        send(r, "launch of " + kernel.entry() + " " + shape);
        launches++;
    }

    @Override
    public void synchronize() {
        // every request is answered after it has run
    }

    @Override
    public Optional<GemmEngine> cublas() {
        return Optional.empty();
    }

    @Override
    public synchronized void close() {
        try {
            requests.write('Q');
            requests.flush();
        } catch (IOException ignored) {
            // already gone
        }
        process.destroy();
    }
}
