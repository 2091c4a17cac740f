package org.advmusic.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Deterministic release of device memory. Java has no destructors and the garbage collector does
 * not see GPU memory, so every tensor created while a scope is open belongs to it and its buffer is
 * released when the scope closes, unless the tensor was {@linkplain #keep(Tensor) kept}:
 *
 * <pre>{@code
 * try (var scope = MemoryScope.open()) {
 *     Tensor loss = model.forward(x).crossEntropy(labels);
 *     loss.backward();
 *     optimizer.step();
 *     lossValue = loss.item();
 * } // activations and gradients of this step are released here
 * }</pre>
 *
 * <p>Scopes nest and are thread-confined (each thread has its own stack). Tensors created when no
 * scope is open, or inside {@link #persistent()}, are owned by nobody: parameters, optimizer state
 * and datasets; their memory lives until {@link Tensor#release()} or, on the CPU, until they are
 * garbage-collected.
 */
public final class MemoryScope implements AutoCloseable {
    private static final ThreadLocal<Deque<MemoryScope>> STACK = ThreadLocal.withInitial(ArrayDeque::new);

    private final Set<DeviceBuffer> owned = Collections.newSetFromMap(new IdentityHashMap<>());
    private final boolean tracking;
    private final Thread thread = Thread.currentThread();
    private boolean closed;

    private MemoryScope(boolean tracking) {
        this.tracking = tracking;
    }

    /** Opens a scope that owns the buffers of the tensors created until it is closed. */
    public static MemoryScope open() {
        MemoryScope scope = new MemoryScope(true);
        STACK.get().push(scope);
        return scope;
    }

    /**
     * Opens a scope under which new tensors are owned by nobody, even inside other scopes: for
     * state that must outlive the enclosing step (lazily created optimizer moments, caches).
     */
    public static MemoryScope persistent() {
        MemoryScope scope = new MemoryScope(false);
        STACK.get().push(scope);
        return scope;
    }

    /** The innermost open scope of this thread that owns new buffers, or null. */
    static MemoryScope currentOwner() {
        MemoryScope top = STACK.get().peek();
        return top != null && top.tracking ? top : null;
    }

    /** Gives {@code buffer} to the innermost open scope of this thread, if there is one. */
    static void track(DeviceBuffer buffer) {
        MemoryScope scope = currentOwner();
        if (scope != null && buffer.owner == null) {
            scope.owned.add(buffer);
            buffer.owner = scope;
        }
    }

    /** Makes {@code scope} (null: nobody) the owner of {@code buffer}, taking it from its old owner. */
    static void transfer(DeviceBuffer buffer, MemoryScope scope) {
        if (buffer.owner != null) {
            buffer.owner.owned.remove(buffer);
            buffer.owner = null;
        }
        if (scope != null) {
            scope.owned.add(buffer);
            buffer.owner = scope;
        }
    }

    /**
     * Moves the tensor's buffer (and its gradient's) out of whichever scope owns it to the scope that
     * encloses that one, or to nobody. Returns the tensor, for chaining.
     */
    public static Tensor keep(Tensor tensor) {
        moveOut(tensor.buffer());
        if (tensor.grad() != null) {
            moveOut(tensor.grad().buffer());
        }
        return tensor;
    }

    private static void moveOut(DeviceBuffer buffer) {
        MemoryScope from = buffer.owner;
        if (from == null) {
            return;
        }
        from.checkThread("keep");
        from.owned.remove(buffer);
        buffer.owner = null;
        Deque<MemoryScope> stack = STACK.get();
        boolean below = false;
        for (MemoryScope s : stack) { // innermost first
            if (below) {
                if (!s.tracking) {
                    return; // a persistent scope: owned by nobody
                }
                s.owned.add(buffer);
                buffer.owner = s;
                return;
            }
            below = s == from;
        }
    }

    /**
     * Hands {@code tensor}'s buffer to the enclosing scope if this scope owns it, and reports whether
     * it did. Unlike {@link #keep(Tensor)}, a buffer owned by another scope is left where it is.
     */
    public boolean retain(Tensor tensor) {
        checkThread("retain");
        if (tensor.buffer().owner != this) {
            return false;
        }
        moveOut(tensor.buffer());
        return true;
    }

    /** Called by {@link DeviceBuffer#release()} for a buffer released before its scope closed. */
    void forget(DeviceBuffer buffer) {
        owned.remove(buffer);
    }

    /** Number of buffers this scope would release if closed now. */
    public int ownedBuffers() {
        return owned.size();
    }

    private void checkThread(String what) {
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("MemoryScope." + what + ": the scope belongs to thread '"
                    + thread.getName() + "', not '" + Thread.currentThread().getName() + "'");
        }
    }

    /** Releases every buffer still owned. Scopes must be closed innermost first, on their own thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        checkThread("close");
        Deque<MemoryScope> stack = STACK.get();
        if (stack.peek() != this) {
            throw new IllegalStateException("MemoryScope.close: scopes must be closed innermost first; "
                    + "an inner scope opened later is still open");
        }
        stack.pop();
        closed = true;
        List<DeviceBuffer> toRelease = new ArrayList<>(owned);
        owned.clear();
        for (DeviceBuffer b : toRelease) {
            b.owner = null;
            b.release();
        }
    }
}
