package io.github.sendmsg.bench;

import io.github.sendmsg.ErrnoException;
import io.github.sendmsg.Posix;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The workloads, the same for every implementation (and for the C floor, {@code src/jmh/c/floor.c}).
 * W1–W4 run on ONE {@code AF_UNIX} {@code SOCK_STREAM} socketpair, sending then receiving in the same
 * thread, per op:
 * <ul>
 * <li><b>W1</b>: send {@value #W1_BYTES} bytes, receive them.</li>
 * <li><b>W2</b>: send 1 byte and 1 descriptor (one {@code SCM_RIGHTS} message), receive both, close
 *     the received descriptor. The descriptor sent is the write end of a pipe opened once.</li>
 * <li><b>W3</b>: send {@value #W3_BYTES} bytes, receive them, with {@code SO_SNDBUF}/{@code SO_RCVBUF}
 *     set to {@value #SOCKET_BUFFER} on both ends. Every implementation loops on partial transfers.</li>
 * <li><b>W4</b>: send 1 byte and {@value #W4_DESCRIPTORS} descriptors in one {@code SCM_RIGHTS}
 *     message (the pipe's write end {@value #W4_DESCRIPTORS} times), receive them, close all.</li>
 * <li><b>W5</b>: {@value #W5_DATAGRAMS} datagrams of {@value #W5_BYTES} bytes over an {@code AF_UNIX}
 *     {@code SOCK_DGRAM} socketpair, sent then received; reported per datagram.</li>
 * </ul>
 * W0 (the binding's own work, no syscall) is {@link Encoding}; W6 (many threads) {@link ManyThreads};
 * W7 (waiting) {@link ChannelPingPong}. In each class, {@code bytes} is W1 and W3 (its {@code length}
 * parameter, 64 or 65536; the scaling run adds sizes from 1 B to 1 MiB), {@code descriptor} is W2,
 * {@code descriptors} is W4 (its {@code count} parameter, 16; the scaling run goes from 1 to 253),
 * {@code datagrams} is W5 with single calls and {@code datagramBatch} W5 with
 * {@code sendmmsg}/{@code recvmmsg}. Each benchmark verifies itself once in its setup (before it is
 * timed) and throws if the check fails.
 */
public final class Workloads {

    public static final int W1_BYTES = 64;
    public static final int W3_BYTES = 64 * 1024;
    public static final int SOCKET_BUFFER = 1024 * 1024;
    public static final int W4_DESCRIPTORS = 16;
    public static final int W5_DATAGRAMS = 32;
    public static final int W5_BYTES = 64;
    /** The kernel's limit of descriptors in one message ({@code SCM_MAX_FD}). */
    public static final int MAX_DESCRIPTORS = 253;

    /** Written through a received descriptor, read back from the pipe's other end. */
    static final byte[] MARKER = "fd-passed-and-working".getBytes(StandardCharsets.US_ASCII);

    private Workloads() {
    }

    /**
     * The socket buffers for an op of {@code length} bytes, so that one op fits in the socket and a
     * single thread can send it all before receiving: the kernel's default below {@value #W3_BYTES}
     * (0), {@value #SOCKET_BUFFER} for W3, twice the length above.
     */
    static int socketBuffer(int length) {
        return length < W3_BYTES ? 0 : Math.max(SOCKET_BUFFER, 2 * length);
    }

    /** {@code count} copies of {@code fd}, the descriptors a W4 message carries. */
    static int[] copies(int fd, int count) {
        int[] fds = new int[count];
        java.util.Arrays.fill(fds, fd);
        return fds;
    }

    /**
     * Checks {@code count} descriptors arrived, each a new number other than {@code sent}, all
     * different, and that the first works: the marker written through it comes out of the pipe.
     */
    static void checkDescriptors(String impl, int[] received, int count, int sent, int pipeReadEnd) throws ErrnoException {
        check(impl, received.length == count, count + " descriptors arrived (" + received.length + " did)");
        check(impl, java.util.Arrays.stream(received).distinct().count() == count
                && java.util.Arrays.stream(received).noneMatch(fd -> fd == sent || fd < 0), "every descriptor is new");
        writeMarker(received[0]);
        checkPipeMarker(impl, pipeReadEnd);
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
