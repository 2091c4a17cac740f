package org.advmusic.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MemoryScopeTest {
    private final Backend r = Backends.reference();

    @Test
    void closingReleasesEverythingCreatedInside() {
        long before = r.liveBuffers();
        Tensor kept;
        Tensor dropped;
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor x = Tensor.uniform(r, 1, Shape.of(4, 4), -1, 1).requiresGrad(true);
            Tensor loss = x.matmul(x).relu().sum();
            loss.backward();
            dropped = loss;
            kept = x.mul(2.0).keep();
            assertTrue(scope.ownedBuffers() > 3);
        }
        assertTrue(dropped.buffer().isReleased());
        assertFalse(kept.buffer().isReleased());
        IllegalStateException e = assertThrows(IllegalStateException.class, dropped::item);
        assertTrue(e.getMessage().contains("released"), e.getMessage());
        assertEquals(before + 1, r.liveBuffers(), "only the kept tensor survives");
        kept.release();
        assertEquals(before, r.liveBuffers());
    }

    @Test
    void keepMovesToTheEnclosingScopeOnly() {
        Tensor t;
        try (MemoryScope outer = MemoryScope.open()) {
            try (MemoryScope inner = MemoryScope.open()) {
                t = Tensor.ones(r, Shape.of(2)).keep();
            }
            assertFalse(t.buffer().isReleased());
        }
        assertTrue(t.buffer().isReleased());
    }

    @Test
    void persistentScopeOwnsNothing() {
        Tensor state;
        try (MemoryScope step = MemoryScope.open()) {
            try (MemoryScope p = MemoryScope.persistent()) {
                state = Tensor.zeros(r, Shape.of(3));
            }
        }
        assertFalse(state.buffer().isReleased());
    }

    @Test
    void leafGradientsLiveAsLongAsTheirLeaf() {
        Tensor parameter = Tensor.ones(r, Shape.of(2)).requiresGrad(true);
        try (MemoryScope step = MemoryScope.open()) {
            parameter.mul(3.0).sum().backward();
        }
        assertFalse(parameter.grad().buffer().isReleased());
        assertEquals(3.0, parameter.grad().toDoubleArray()[1], 0);
    }

    @Test
    void viewsShareTheOwnerOfTheirBuffer() {
        Tensor parameter = Tensor.ones(r, Shape.of(2, 3));
        try (MemoryScope step = MemoryScope.open()) {
            Tensor view = parameter.reshape(3, 2);
            assertEquals(6, view.size());
        }
        assertFalse(parameter.buffer().isReleased(), "a view made inside a scope must not release an outside buffer");
    }

    @Test
    void scopesCloseInnermostFirstOnTheirThread() throws Exception {
        MemoryScope outer = MemoryScope.open();
        MemoryScope inner = MemoryScope.open();
        assertThrows(IllegalStateException.class, outer::close);
        AtomicReference<Throwable> fromOtherThread = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                inner.close();
            } catch (Throwable e) {
                fromOtherThread.set(e);
            }
        });
        t.start();
        t.join();
        assertTrue(fromOtherThread.get() instanceof IllegalStateException);
        inner.close();
        outer.close();
    }
}
