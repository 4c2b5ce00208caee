package org.depconsole.appleapi;

/**
 * A value the current thread carries while a scope is open ({@link CallCause}, the Business client's rate-limit
 * listener): {@link #open} sets it, closing the returned scope restores the value that was there before.
 */
public final class ThreadScope<T> {

    private final ThreadLocal<T> current = new ThreadLocal<>();

    /** The value set on this thread, or null. */
    public T current() {
        return current.get();
    }

    public Scope open(T value) {
        T previous = current.get();
        current.set(value);
        return new Scope(previous);
    }

    /** Restores the value that was current before {@link #open}. */
    public final class Scope implements AutoCloseable {
        private final T previous;

        private Scope(T previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            if (previous == null) {
                current.remove();
            } else {
                current.set(previous);
            }
        }
    }
}
