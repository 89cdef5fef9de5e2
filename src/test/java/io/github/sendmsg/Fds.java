package io.github.sendmsg;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** What {@code /proc/self/fd} says about this process's descriptors: the ground truth for leak checks. */
public final class Fds {

    private static final Path PROC_FD = Path.of("/proc/self/fd");

    private Fds() {
    }

    /** How many descriptors are open now. */
    public static int openCount() {
        return open().size();
    }

    /** Every open descriptor and what it refers to ({@code socket:[123]}, {@code pipe:[456]}, a path). */
    public static Map<Integer, String> open() {
        Map<Integer, String> open = new TreeMap<>();
        try (Stream<Path> entries = Files.list(PROC_FD)) {
            entries.forEach(entry -> {
                try {
                    open.put(Integer.parseInt(entry.getFileName().toString()), Files.readSymbolicLink(entry).toString());
                } catch (IOException gone) {
                    // The descriptor that listed the directory itself is closed by the time it is read.
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return open;
    }

    /** True if {@code fd} is open in this process. */
    public static boolean isOpen(int fd) {
        return Files.exists(PROC_FD.resolve(Integer.toString(fd)), java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    /** What {@code fd} refers to, such as {@code pipe:[456]}: equal for two descriptors of one pipe. */
    public static String target(int fd) {
        try {
            return Files.readSymbolicLink(PROC_FD.resolve(Integer.toString(fd))).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True if {@code fd} has {@code FD_CLOEXEC} set ({@code O_CLOEXEC} in {@code /proc/self/fdinfo}). */
    public static boolean isCloseOnExec(int fd) {
        return (statusFlags(fd) & 02000000) != 0;
    }

    /** The octal {@code flags:} line of {@code /proc/self/fdinfo/fd}. */
    public static int statusFlags(int fd) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo", Integer.toString(fd)))) {
                if (line.startsWith("flags:")) {
                    return Integer.parseInt(line.substring("flags:".length()).trim(), 8);
                }
            }
            throw new IllegalStateException("no flags line for fd " + fd);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Closes each descriptor, skipping negative ones (tests mark a descriptor they closed themselves
     * with -1: closing a number twice could close whatever the JVM opened under it meanwhile).
     */
    public static void closeAll(int... fds) {
        for (int fd : fds) {
            if (fd < 0) {
                continue;
            }
            try {
                Posix.close(fd);
            } catch (ErrnoException alreadyClosed) {
                // A descriptor the code under test closed already.
            }
        }
    }

    /**
     * Opens {@code n} pipes and returns their read ends; both ends of each go into {@code toClose}, for
     * the test to close after it (a write end stays open so a received copy can be checked against it).
     */
    public static int[] pipeReadEnds(int n, List<Integer> toClose) throws ErrnoException {
        int[] readEnds = new int[n];
        for (int i = 0; i < n; i++) {
            int[] pipe = Posix.pipe();
            toClose.add(pipe[0]);
            toClose.add(pipe[1]);
            readEnds[i] = pipe[0];
        }
        return readEnds;
    }

    /**
     * Closes a child's pipes now and waits (up to 30 s) for it to exit. The JDK closes a finished
     * child's pipes on its reaper thread some time after {@code waitFor} returns; a test that counts
     * descriptors cannot have them close between its two counts.
     */
    public static void closePipes(Process child) {
        try {
            child.getInputStream().close();
            child.getErrorStream().close();
            child.getOutputStream().close();
            child.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
