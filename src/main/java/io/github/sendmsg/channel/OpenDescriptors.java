package io.github.sendmsg.channel;

import io.github.sendmsg.ErrnoException;
import io.github.sendmsg.internal.FileCalls;
import io.github.sendmsg.internal.Scratch;
import io.github.sendmsg.internal.Syscalls;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * This process's descriptors as the bridges need them: what {@code /proc/self/fd} says each one is, and
 * the three ways a bridge changes them (a copy, a copy in place of another number, a close).
 */
final class OpenDescriptors {

    static final Path PROC_FD = Path.of("/proc/self/fd");
    static final Charset PATH_CHARSET = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));

    private OpenDescriptors() {
    }

    /** Every open descriptor of this process and what {@code /proc/self/fd} says it is. */
    static Map<Integer, String> openDescriptors() throws IOException {
        Map<Integer, String> open = new LinkedHashMap<>();
        try (Stream<Path> entries = Files.list(PROC_FD)) {
            for (Path entry : entries.toList()) {
                try {
                    open.put(Integer.parseInt(entry.getFileName().toString()), Files.readSymbolicLink(entry).toString());
                } catch (IOException gone) {
                    // closed while listing (the directory's own descriptor among them)
                }
            }
        }
        return open;
    }
    static int duplicate(int fd) throws ErrnoException {
        return Descriptor.dup(fd);
    }
    /** Makes {@code target} (a JDK object's number) refer to {@code source}'s open file description. */
    static void replace(int source, int target) throws ErrnoException {
        Scratch scratch = Scratch.acquire();
        try {
            int result = FileCalls.dup3(scratch.capture(), source, target);
            if (result < 0) {
                throw new ErrnoException("dup3", source, -result);
            }
        } finally {
            scratch.release();
        }
    }
    static void closeQuietly(int fd) {
        Scratch scratch = Scratch.acquire();
        try {
            Syscalls.close(scratch.capture(), fd);
        } finally {
            scratch.release();
        }
    }
}
