package io.jasyncio;

import java.io.Serial;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Several failures that happened together, such as those of the tasks of a {@link TaskGroup}:
 * Python's {@code ExceptionGroup}.
 *
 * <p>Each failure is in {@link #exceptions()} in the order it happened, and also attached with
 * {@link Throwable#addSuppressed} so that a printed stack trace shows them all.
 * {@link #getMessage()} reads as Python's {@code str(eg)}, {@code "msg (2 sub-exceptions)"};
 * {@link #message()} is the bare message.
 *
 * <p>What Python's {@code except*} does is {@link #split}, {@link #subgroup} and
 * {@link #handle}:
 *
 * {@snippet :
 * try {
 *     group.run(() -> { ... });
 * } catch (ExceptionGroup eg) {
 *     eg.handle(IOException.class, io -> log(io))          // except* IOException as io:
 *       .handle(AsyncTimeoutException.class, t -> retry())  // except* TimeoutError:
 *       .rethrowRest();                                      // anything else propagates
 * }
 * }
 *
 * <p><b>Differs from Python:</b> it is an unchecked exception and there is no separate
 * {@code BaseExceptionGroup}: an {@link Error} can be a member.
 */
public class ExceptionGroup extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String message;
    private final List<Throwable> exceptions;

    /**
     * A group of {@code exceptions}.
     *
     * @throws IllegalArgumentException if {@code exceptions} is empty
     * @throws NullPointerException if {@code exceptions} or one of them is null
     */
    public ExceptionGroup(String message, List<? extends Throwable> exceptions) {
        super(message + " (" + exceptions.size() + " sub-exception" + (exceptions.size() == 1 ? "" : "s") + ")");
        if (exceptions.isEmpty()) {
            throw new IllegalArgumentException("second argument (exceptions) must be a non-empty sequence");
        }
        this.message = message;
        this.exceptions = List.copyOf(exceptions);
        for (Throwable t : this.exceptions) {
            if (t != this) {
                addSuppressed(t);
            }
        }
    }

    /** The message given to the constructor, without the count: Python's {@code eg.message}. */
    public String message() {
        return message;
    }

    /** The failures, in the order they happened. */
    public List<Throwable> exceptions() {
        return exceptions;
    }

    /** Whether any failure (looking inside nested groups) is an instance of {@code type}. */
    public boolean contains(Class<? extends Throwable> type) {
        for (Throwable t : exceptions) {
            if (type.isInstance(t) || (t instanceof ExceptionGroup g && g.contains(type))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The group cut in two, keeping the nesting: the members that are instances of {@code type},
     * and the others. Python's {@code eg.split(type)}. If this group itself is an instance of
     * {@code type}, all of it matches.
     */
    public Split split(Class<? extends Throwable> type) {
        return split(type::isInstance);
    }

    /**
     * The group cut in two, keeping the nesting: the members for which {@code condition} holds,
     * and the others. The condition is asked about this group and each nested group first: a
     * group it accepts matches whole. Python's {@code eg.split(condition)}.
     */
    public Split split(Predicate<? super Throwable> condition) {
        if (condition.test(this)) {
            return new Split(this, null);
        }
        List<Throwable> matched = new ArrayList<>();
        List<Throwable> rest = new ArrayList<>();
        for (Throwable t : exceptions) {
            if (t instanceof ExceptionGroup g) {
                Split s = g.split(condition);
                if (s.match() != null) {
                    matched.add(s.match());
                }
                if (s.rest() != null) {
                    rest.add(s.rest());
                }
            } else if (condition.test(t)) {
                matched.add(t);
            } else {
                rest.add(t);
            }
        }
        return new Split(part(matched), part(rest));
    }

    /** The members that are instances of {@code type}, or null if none: Python's {@code eg.subgroup(type)}. */
    public ExceptionGroup subgroup(Class<? extends Throwable> type) {
        return split(type).match();
    }

    /** The members for which {@code condition} holds, or null if none: Python's {@code eg.subgroup(condition)}. */
    public ExceptionGroup subgroup(Predicate<? super Throwable> condition) {
        return split(condition).match();
    }

    /**
     * A group like this one (message, cause, stack trace) over other members: Python's
     * {@code derive}, which {@link #split} and {@link #subgroup} use for each part. Subclasses
     * override it to keep their type.
     */
    protected ExceptionGroup derive(List<Throwable> members) {
        return new ExceptionGroup(message, members);
    }

    /**
     * Python's {@code except* type as g:}: calls {@code handler} once with the subgroup of
     * members that are instances of {@code type}, if there are any, and returns what is left to
     * handle. End the chain with {@link Handling#rethrowRest()}.
     *
     * @throws IllegalArgumentException if {@code type} is an exception group type (Python refuses
     *         {@code except* ExceptionGroup} too)
     */
    public Handling handle(Class<? extends Throwable> type, Handler handler) {
        return new Handling(this).handle(type, handler);
    }

    private ExceptionGroup part(List<Throwable> members) {
        if (members.isEmpty()) {
            return null;
        }
        if (members.equals(exceptions)) {
            return this;
        }
        ExceptionGroup g = derive(members);
        g.setStackTrace(getStackTrace());
        if (getCause() != null && g.getCause() == null) {
            g.initCause(getCause());
        }
        return g;
    }

    /**
     * The two parts of a {@link #split}; a part with no members is null.
     *
     * @param match the members that matched, nested as in the original group
     * @param rest  the others
     */
    public record Split(ExceptionGroup match, ExceptionGroup rest) {
    }

    /** What an {@code except*} clause runs: it gets the matching subgroup. */
    @FunctionalInterface
    public interface Handler {
        /** Handles the matching members; what it throws joins what {@link Handling#rethrowRest()} throws. */
        void handle(ExceptionGroup matched) throws Throwable;
    }

    /**
     * A chain of {@code except*} clauses over one group: each {@link #handle} takes the members
     * it matches out of what is left. Use it once, in order.
     */
    public static final class Handling {
        private ExceptionGroup rest;
        private final List<Throwable> raised = new ArrayList<>();

        private Handling(ExceptionGroup group) {
            this.rest = group;
        }

        /**
         * Calls {@code handler} with the members left that are instances of {@code type}, if any;
         * they are handled whatever the handler does. An exception thrown by the handler is kept
         * for {@link #rethrowRest()}.
         *
         * @throws IllegalArgumentException if {@code type} is an exception group type
         */
        public Handling handle(Class<? extends Throwable> type, Handler handler) {
            if (ExceptionGroup.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException("catching ExceptionGroup with handle() is not allowed: use a plain catch");
            }
            if (rest == null) {
                return this;
            }
            Split s = rest.split(type);
            rest = s.rest();
            if (s.match() != null) {
                try {
                    handler.handle(s.match());
                } catch (Throwable e) {
                    raised.add(e);
                }
            }
            return this;
        }

        /** The members no clause matched, or null if all were handled. */
        public ExceptionGroup rest() {
            return rest;
        }

        /**
         * Ends the chain as the end of a {@code try ... except*} does: returns if every member was
         * handled and no handler threw; throws the unhandled members as a group otherwise.
         *
         * @throws ExceptionGroup the members no clause matched (with the original message and
         *         nesting); if handlers threw, a group with an empty message holding what they
         *         threw, then the unhandled members' group
         */
        public void rethrowRest() {
            if (raised.isEmpty()) {
                if (rest != null) {
                    throw rest;
                }
                return;
            }
            List<Throwable> all = new ArrayList<>(raised);
            if (rest != null) {
                all.add(rest);
            }
            throw new ExceptionGroup("", all);
        }
    }
}
