package io.wssocket.session;

import java.lang.invoke.VarHandle;

/** A field set once, on first use, by whichever caller comes first: the others get what it set. */
final class SetOnce {
    private SetOnce() {
    }

    /**
     * Puts {@code made} in {@code field} of {@code owner} unless another caller put something there
     * first.
     *
     * @param field a volatile-accessed field of {@code owner}'s class, null until set
     * @return what the field holds now: {@code made}, or what the first caller put there
     */
    @SuppressWarnings("unchecked")
    static <T> T first(VarHandle field, Object owner, T made) {
        Object earlier = field.compareAndExchange(owner, null, made);
        return earlier != null ? (T) earlier : made;
    }
}
