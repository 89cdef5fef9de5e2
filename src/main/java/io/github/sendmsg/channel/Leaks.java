package io.github.sendmsg.channel;

import io.github.sendmsg.internal.FdState;

import java.lang.ref.Cleaner;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The safety net under owned descriptors: a descriptor object that becomes unreachable while still open
 * is closed by a {@link Cleaner}, and the leak is reported through {@link System.Logger} (logger
 * {@code io.github.sendmsg.channel.Descriptor}, level WARNING) with where the descriptor came from. Set
 * {@code -Dio.github.sendmsg.leakTraces=true} to add the stack of the call that made it (costly: a stack
 * walk per descriptor).
 */
final class Leaks {

    static final String LOGGER_NAME = Descriptor.class.getName();
    private static final boolean TRACES = Boolean.getBoolean("io.github.sendmsg.leakTraces");
    private static final Cleaner CLEANER = Cleaner.create(runnable -> {
        Thread thread = new Thread(runnable, "sendmsg-descriptor-cleaner");
        thread.setDaemon(true);
        return thread;
    });
    private static final AtomicLong REPORTED = new AtomicLong();

    private Leaks() {
    }

    /** Where a descriptor came from, formatted only if it leaks. */
    record Origin(String how, int from, long millis, Throwable stack) {
        @Override
        public String toString() {
            return how + (from >= 0 ? " (fd " + from + ")" : "") + " at " + Instant.ofEpochMilli(millis);
        }
    }

    static Origin origin(String how, int from) {
        return new Origin(how, from, System.currentTimeMillis(),
                TRACES ? new Throwable("where the descriptor was " + how) : null);
    }

    /** Registers the safety net for {@code owner}, which owns {@code state}. */
    static Cleaner.Cleanable register(Object owner, FdState state, Origin origin, String what) {
        return CLEANER.register(owner, new Leak(state, origin, what));
    }

    /** How many leaks the safety net has closed and reported in this process. */
    static long reported() {
        return REPORTED.get();
    }

    /** Runs once: when the owner is closed (then the state is closed already and nothing happens) or collected. */
    private record Leak(FdState state, Origin origin, String what) implements Runnable {
        @Override
        public void run() {
            int fd = state.fd();
            if (state.close()) {
                REPORTED.incrementAndGet();
                System.getLogger(LOGGER_NAME).log(System.Logger.Level.WARNING,
                        () -> "a " + what + " (fd " + fd + ", " + origin + ") became unreachable without being closed;"
                                + " it was closed now. Close descriptors when done (try-with-resources), or it stays"
                                + " open until the garbage collector finds it"
                                + (origin.stack() == null ? "; -Dio.github.sendmsg.leakTraces=true records where each was made" : ""),
                        origin.stack());
            }
        }
    }
}
