package io.github.sendmsg.bench;

import io.github.sendmsg.ErrnoException;
import io.github.sendmsg.Posix;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.TimeUnit;

import static io.github.sendmsg.bench.RawFfm.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The reference line: {@code sendmsg}/{@code recvmsg}/{@code close} straight through FFM, errno
 * captured, every {@code msghdr}, {@code iovec}, control buffer and data buffer allocated once (confined
 * arena), downcall handles in static finals. Same flags as the library ({@code MSG_NOSIGNAL} on sends,
 * {@code MSG_CMSG_CLOEXEC} on receives). No library code on the timed path.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RawFfmFloor {

    static final String IMPL = "raw-ffm";

    /** One direction's preallocated message: msghdr → one iovec → a data buffer (+ control). */
    static final class Message {
        final MemorySegment header;
        final MemorySegment iovec;
        final MemorySegment data;
        final MemorySegment control;

        Message(Arena arena, long length, boolean withControl) {
            header = arena.allocate(MSGHDR_SIZE, 8);
            iovec = arena.allocate(IOVEC_SIZE, 8);
            data = arena.allocate(length, 8);
            control = withControl ? arena.allocate(CMSG_SPACE_ONE_FD, 8) : MemorySegment.NULL;
            pointAt(data);
            header.set(ADDRESS, MSG_NAME, MemorySegment.NULL);
            header.set(JAVA_INT, MSG_NAMELEN, 0);
            header.set(ADDRESS, MSG_IOV, iovec);
            header.set(JAVA_LONG, MSG_IOVLEN, 1);
            header.set(ADDRESS, MSG_CONTROL, control);
            header.set(JAVA_LONG, MSG_CONTROLLEN, withControl ? CMSG_SPACE_ONE_FD : 0);
            header.set(JAVA_INT, MSG_FLAGS, 0);
        }

        void pointAt(MemorySegment part) {
            iovec.set(ADDRESS, IOV_BASE, part);
            iovec.set(JAVA_LONG, IOV_LEN, part.byteSize());
        }
    }

    /** W1 and W3: bytes one way and back, looping on partial transfers outside the hot method. */
    @State(Scope.Thread)
    public static class Bytes {
        /** W1 sends {@value Workloads#W1_BYTES} bytes per op, W3 {@value Workloads#W3_BYTES}. */
        @Param({"64", "65536"})
        public int length;
        Arena arena;
        MemorySegment capture;
        int[] pair;
        Message out;
        Message in;

        @Setup
        public void setup() throws ErrnoException {
            arena = Arena.ofConfined();
            capture = arena.allocate(CAPTURE_LAYOUT);
            pair = Posix.socketpair();
            if (Workloads.hasBigBuffers(length)) {
                setBuffers(IMPL, pair, Workloads.SOCKET_BUFFER);
            }
            out = new Message(arena, length, false);
            in = new Message(arena, length, false);
            byte[] payload = Workloads.payload(length);
            MemorySegment.copy(payload, 0, out.data, JAVA_BYTE, 0, length);
            in.data.fill((byte) 0);
            Workloads.check(IMPL, roundTrip() == length, "byte count");
            Workloads.checkBytes(IMPL, payload, in.data.toArray(JAVA_BYTE));
        }

        long roundTrip() {
            long sent = sendmsg(capture, pair[0], out.header, MSG_NOSIGNAL);
            if (sent != length) {
                sendRest(sent);
            }
            long received = recvmsg(capture, pair[1], in.header, MSG_CMSG_CLOEXEC);
            if (received != length) {
                receiveRest(received);
            }
            return received;
        }

        private void sendRest(long sent) {
            long done = 0;
            while (true) {
                if (sent < 0 && sent != -EINTR) {
                    throw failure("sendmsg", sent);
                }
                done += Math.max(sent, 0);
                if (done == length) {
                    break;
                }
                out.pointAt(out.data.asSlice(done));
                sent = sendmsg(capture, pair[0], out.header, MSG_NOSIGNAL);
            }
            out.pointAt(out.data);
        }

        private void receiveRest(long received) {
            long done = 0;
            while (true) {
                if (received < 0 && received != -EINTR) {
                    throw failure("recvmsg", received);
                }
                if (received == 0) {
                    throw new IllegalStateException("recvmsg: end of stream after " + done + " bytes");
                }
                done += Math.max(received, 0);
                if (done == length) {
                    break;
                }
                in.pointAt(in.data.asSlice(done));
                received = recvmsg(capture, pair[1], in.header, MSG_CMSG_CLOEXEC);
            }
            in.pointAt(in.data);
        }

        @TearDown
        public void tearDown() {
            Workloads.closeAll(pair);
            arena.close();
        }
    }

    /** W2: 1 byte + the pipe's write end; the received descriptor is closed per op. */
    @State(Scope.Thread)
    public static class Descriptor {
        Arena arena;
        MemorySegment capture;
        int[] pair;
        int[] pipe;
        Message out;
        Message in;

        @Setup
        public void setup() throws ErrnoException {
            arena = Arena.ofConfined();
            capture = arena.allocate(CAPTURE_LAYOUT);
            pair = Posix.socketpair();
            pipe = Posix.pipe();
            out = new Message(arena, 1, true);
            in = new Message(arena, 1, true);
            out.data.set(JAVA_BYTE, 0, (byte) 'x');
            out.control.set(JAVA_LONG, CMSG_LEN_OFFSET, CMSG_LEN_ONE_FD);
            out.control.set(JAVA_INT, CMSG_LEVEL, SOL_SOCKET);
            out.control.set(JAVA_INT, CMSG_TYPE, SCM_RIGHTS);
            out.control.set(JAVA_INT, CMSG_DATA, pipe[1]);
            int fd = transfer();
            Workloads.check(IMPL, fd != pipe[1] && in.data.get(JAVA_BYTE, 0) == 'x', "byte and new descriptor");
            Workloads.writeMarker(fd);
            Posix.close(fd);
            Workloads.checkPipeMarker(IMPL, pipe[0]);
        }

        /** sendmsg + recvmsg; returns the descriptor received, still open. */
        int transfer() {
            long sent = sendmsg(capture, pair[0], out.header, MSG_NOSIGNAL);
            if (sent != 1) {
                throw failure("sendmsg", sent);
            }
            in.header.set(JAVA_LONG, MSG_CONTROLLEN, CMSG_SPACE_ONE_FD);
            long received = recvmsg(capture, pair[1], in.header, MSG_CMSG_CLOEXEC);
            if (received != 1) {
                throw failure("recvmsg", received);
            }
            if (in.header.get(JAVA_LONG, MSG_CONTROLLEN) < CMSG_LEN_ONE_FD
                    || in.control.get(JAVA_INT, CMSG_LEVEL) != SOL_SOCKET
                    || in.control.get(JAVA_INT, CMSG_TYPE) != SCM_RIGHTS) {
                throw new IllegalStateException("recvmsg: no SCM_RIGHTS descriptor arrived");
            }
            return in.control.get(JAVA_INT, CMSG_DATA);
        }

        int roundTrip() {
            int fd = transfer();
            int closed = close(capture, fd);
            if (closed != 0) {
                throw failure("close", closed);
            }
            return fd;
        }

        @TearDown
        public void tearDown() {
            Workloads.closeAll(pair);
            Workloads.closeAll(pipe);
            arena.close();
        }
    }

    @Benchmark
    public long bytes(Bytes state) {
        return state.roundTrip();
    }

    @Benchmark
    public int descriptor(Descriptor state) {
        return state.roundTrip();
    }
}
