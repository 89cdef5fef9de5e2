package io.github.sendmsg.bench;

import io.github.sendmsg.ErrnoException;
import io.github.sendmsg.Posix;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The three workloads every implementation runs, on ONE {@code AF_UNIX} {@code SOCK_STREAM}
 * socketpair, sending then receiving in the same thread, per op:
 * <ul>
 * <li><b>W1</b>: send {@value #W1_BYTES} bytes, receive them.</li>
 * <li><b>W2</b>: send 1 byte and 1 descriptor (one {@code SCM_RIGHTS} message), receive both, close
 *     the received descriptor. The descriptor sent is the write end of a pipe opened once.</li>
 * <li><b>W3</b>: send {@value #W3_BYTES} bytes, receive them, with {@code SO_SNDBUF}/{@code SO_RCVBUF}
 *     set to {@value #SOCKET_BUFFER} on both ends. Every implementation loops on partial transfers.</li>
 * </ul>
 * In each benchmark class, the {@code bytes} benchmark is W1 and W3 (its {@code length} parameter,
 * 64 or 65536) and the {@code descriptor} benchmark is W2. Each benchmark verifies itself once in its
 * setup (before it is timed) and throws if the check fails.
 */
public final class Workloads {

    public static final int W1_BYTES = 64;
    public static final int W3_BYTES = 64 * 1024;
    public static final int SOCKET_BUFFER = 1024 * 1024;

    /** Written through a received descriptor, read back from the pipe's other end. */
    static final byte[] MARKER = "fd-passed-and-working".getBytes(StandardCharsets.US_ASCII);

    private Workloads() {
    }

    /** W3's socket buffers: {@value #SOCKET_BUFFER} bytes when the op moves {@value #W3_BYTES}. */
    static boolean hasBigBuffers(int length) {
        return length == W3_BYTES;
    }

    /** A recognisable payload: not all zeroes, different at each offset modulo 251. */
    static byte[] payload(int length) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (i % 251 + 1);
        }
        return data;
    }

    static void checkBytes(String impl, byte[] sent, byte[] received) {
        if (!Arrays.equals(sent, received)) {
            throw new IllegalStateException(impl + ": the bytes received differ from the bytes sent ("
                    + sent.length + " sent, " + received.length + " received)");
        }
    }

    static void check(String impl, boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException(impl + ": verification failed: " + what);
        }
    }

    /**
     * Proves a descriptor that arrived is the pipe's write end: the marker, written through it by
     * {@code writeThroughReceived}, comes out of the pipe's read end.
     */
    static void checkPipeMarker(String impl, int pipeReadEnd) throws ErrnoException {
        byte[] got = new byte[0];
        while (got.length < MARKER.length) {
            byte[] more = Posix.read(pipeReadEnd, MARKER.length - got.length);
            check(impl, more.length > 0, "the pipe reached end of file before the marker came");
            byte[] joined = Arrays.copyOf(got, got.length + more.length);
            System.arraycopy(more, 0, joined, got.length, more.length);
            got = joined;
        }
        check(impl, Arrays.equals(got, MARKER), "the marker written through the received descriptor"
                + " did not come out of the pipe");
    }

    /** Writes the marker through {@code fd} with the library (for implementations that give an int). */
    static void writeMarker(int fd) throws ErrnoException {
        int written = 0;
        while (written < MARKER.length) {
            written += Posix.write(fd, Arrays.copyOfRange(MARKER, written, MARKER.length));
        }
    }

    /** Closes every descriptor given, ignoring those already closed; for tear-downs. */
    static void closeAll(int... fds) {
        for (int fd : fds) {
            if (fd >= 0) {
                try {
                    Posix.close(fd);
                } catch (ErrnoException ignored) {
                    // already closed by the implementation's own close (a peer's wrapper)
                }
            }
        }
    }
}
