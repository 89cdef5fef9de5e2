package io.github.sendmsg;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Child of {@link HardeningEdgesTest}, started with a 64 MiB heap and room for 1 GiB of native memory
 * (FFM arenas count against {@code -XX:MaxDirectMemorySize}) (edge case 27): receives a message of
 * 200 MiB + 1 bytes carrying two descriptors with {@code recv1msg(fd, 200 MiB + 1, MSG_WAITALL)}. The
 * kernel fills the native buffer and installs the descriptors; copying the bytes onto the heap runs out
 * of memory, and the library must close both descriptors before the error leaves. Prints
 * {@code oom=true leaked=N} and exits 0.
 */
public final class OutOfMemoryChild {

    static final int SIZE = 200 * 1024 * 1024 + 1;

    private OutOfMemoryChild() {
    }

    /**
     * @param args none
     * @throws Exception on any failure, which makes the exit code non-zero
     */
    public static void main(String[] args) throws Exception {
        int[] pair = Posix.socketpair();
        int[] pipe = Posix.pipe();
        Thread sender = Thread.ofPlatform().daemon().start(() -> {
            try {
                // The descriptors ride on the last byte: a stream read glues the plain bytes before them
                // onto their chunk, so one MSG_WAITALL read takes all 200 MiB + 1 with both descriptors.
                byte[] chunk = new byte[1 << 20];
                for (int sent = 0; sent < SIZE - 1; ) {
                    sent += SendMsg.send1msg(pair[0], java.util.Arrays.copyOf(chunk, Math.min(chunk.length, SIZE - 1 - sent)));
                }
                SendMsg.send1msg(pair[0], new byte[] {1}, 0, List.of(ControlMessage.rights(pipe[0], pipe[1])));
            } catch (ErrnoException stopped) {
                // EPIPE if the receiver gave up early
            }
        });
        long before = openCount();
        boolean outOfMemory = false;
        try {
            SendMsg.recv1msg(pair[1], SIZE, SendMsg.MSG_WAITALL);
        } catch (OutOfMemoryError expected) {
            outOfMemory = true;
        }
        long leaked = openCount() - before;
        Fds.closeAll(pair[1]);
        sender.join(10_000);
        System.out.println("oom=" + outOfMemory + " leaked=" + leaked);
        Fds.closeAll(pair[0], pipe[0], pipe[1]);
    }

    private static long openCount() throws Exception {
        try (var entries = Files.list(Path.of("/proc/self/fd"))) {
            return entries.count();
        }
    }
}
