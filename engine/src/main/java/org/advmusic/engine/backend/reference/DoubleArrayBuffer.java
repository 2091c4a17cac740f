package org.advmusic.engine.backend.reference;

import java.util.concurrent.atomic.AtomicLong;
import org.advmusic.engine.Backend;
import org.advmusic.engine.DeviceBuffer;

/** A reference-backend buffer: a Java {@code double[]} on the heap. */
final class DoubleArrayBuffer extends DeviceBuffer {
    private double[] data;
    private final AtomicLong live;

    DoubleArrayBuffer(Backend backend, double[] data, AtomicLong live) {
        super(backend, data.length);
        this.data = data;
        this.live = live;
        live.incrementAndGet();
    }

    /** The elements; throws once released. */
    double[] array(String operation) {
        checkLive(operation);
        return data;
    }

    @Override
    protected void freeMemory() {
        data = null; // the garbage collector reclaims it
        live.decrementAndGet();
    }
}
