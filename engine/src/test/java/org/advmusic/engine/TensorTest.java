package org.advmusic.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.advmusic.engine.ops.Convolution;
import org.advmusic.engine.ops.SoftmaxCrossEntropy;
import org.junit.jupiter.api.Test;

/** Factories, data access and the error messages of bad input. */
class TensorTest {
    private final Backend r = Backends.reference();

    @Test
    void factories() {
        assertArrayEquals(new double[] {0, 0}, Tensor.zeros(r, Shape.of(2)).toDoubleArray(), 0);
        assertArrayEquals(new double[] {1, 1, 1}, Tensor.ones(r, Shape.of(3)).toDoubleArray(), 0);
        assertArrayEquals(new double[] {2.5, 2.5}, Tensor.full(r, Shape.of(2), 2.5).toDoubleArray(), 0);
        assertArrayEquals(new double[] {0, 1, 2, 3}, Tensor.arange(r, 4).toDoubleArray(), 0);
        assertArrayEquals(new double[] {1, 1.5, 2, 2.5}, Tensor.arange(r, 1, 2.75, 0.5).toDoubleArray(), 0);
        assertEquals(7.0, Tensor.scalar(r, 7).item(), 0);
        assertEquals(Shape.scalar(), Tensor.scalar(r, 7).shape());
        Tensor m = Tensor.fromArray(r, new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertEquals(6.0, m.get(1, 2), 0);
        assertEquals("(2, 3)", m.shape().toString());
    }

    @Test
    void seededRandomTensorsAreReproducibleAndDistributedAsAsked() {
        Tensor a = Tensor.randn(r, 42, Shape.of(20000));
        Tensor b = Tensor.randn(r, 42, Shape.of(20000));
        Tensor c = Tensor.randn(r, 43, Shape.of(20000));
        assertArrayEquals(a.toDoubleArray(), b.toDoubleArray(), 0);
        assertNotEquals(a.toDoubleArray()[0], c.toDoubleArray()[0]);
        assertEquals(0.0, a.mean().item(), 0.03);
        assertEquals(1.0, a.pow(2).mean().item(), 0.03);
        Tensor u = Tensor.uniform(r, 7, Shape.of(20000), -2, 4);
        assertTrue(u.max(false).item() < 4 && u.neg().max(false).item() <= 2);
        assertEquals(1.0, u.mean().item(), 0.05);
    }

    @Test
    void shapesBroadcastLikeNumpy() {
        assertEquals(Shape.of(2, 3, 4), Shape.broadcast("t", Shape.of(3, 1), Shape.of(2, 1, 4)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Shape.broadcast("add", Shape.of(2, 3), Shape.of(4)));
        assertTrue(e.getMessage().contains("add") && e.getMessage().contains("(2, 3)") && e.getMessage().contains("(4,)"),
                e.getMessage());
    }

    @Test
    void badInputNamesTheOperationAndTheShapes() {
        Tensor a = Tensor.ones(r, Shape.of(2, 3));
        Tensor b = Tensor.ones(r, Shape.of(4, 5));
        assertMessage(() -> a.matmul(b), "matmul", "(2, 3)", "(4, 5)");
        assertMessage(() -> a.add(b), "add", "(2, 3)", "(4, 5)");
        assertMessage(() -> a.reshape(4, 2), "reshape", "(2, 3)");
        assertMessage(() -> a.permute(0, 0), "permute");
        assertMessage(() -> a.sum(false, 2), "axis 2", "(2, 3)");
        assertMessage(() -> SoftmaxCrossEntropy.perSample(a, new int[] {0, 3}), "label 3", "[0, 3)");
        assertMessage(() -> Convolution.apply(Tensor.ones(r, Shape.of(1, 2, 5, 5)), Tensor.ones(r, Shape.of(4, 3, 3, 3)),
                null, 1, 1, 0, 0), "conv2d", "channels");
        assertMessage(() -> a.clamp(1, 0), "clamp", "low 1.0");
        assertMessage(() -> Tensor.fromArray(r, new double[3], 2, 2), "3 values", "(2, 2)");
        assertMessage(() -> Shape.of(2, -1), "negative");
    }

    @Test
    void mixingDevicesIsAnError() {
        Backend other = new org.advmusic.engine.backend.reference.ReferenceBackend();
        Tensor a = Tensor.ones(r, Shape.of(2));
        Tensor b = Tensor.ones(other, Shape.of(2));
        assertMessage(() -> a.add(b), "different devices");
    }

    @Test
    void unknownOrUnavailableDeviceNamesIt() {
        assertMessage(() -> Backends.get("tpu"), "unknown device 'tpu'");
    }

    private static void assertMessage(Runnable action, String... fragments) {
        RuntimeException e = assertThrows(RuntimeException.class, action::run);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' lacks '" + f + "'");
        }
    }
}
