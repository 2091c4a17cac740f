package org.advmusic.engine.backend.cpu;

import org.advmusic.engine.Backend;
import org.advmusic.engine.DeviceBuffer;

/** A CPU-backend buffer: a Java {@code float[]} on the heap, handed back to the recycler on release. */
final class FloatArrayBuffer extends DeviceBuffer {
    private float[] data;
    private final ArrayRecycler recycler;

    FloatArrayBuffer(Backend backend, float[] data, ArrayRecycler recycler) {
        super(backend, data.length);
        this.data = data;
        this.recycler = recycler;
        recycler.bufferCreated(data.length);
    }

    /** The elements; throws once released, naming {@code operation}. */
    float[] array(String operation) {
        checkLive(operation);
        return data;
    }

    @Override
    protected void freeMemory() {
        float[] old = data;
        data = null;
        recycler.bufferReleased(old);
    }
}
