package io.github.sendmsg.bench;

import io.github.sendmsg.ErrnoException;
import io.github.sendmsg.Posix;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
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
            this(arena, arena.allocate(MSGHDR_SIZE, 8), length, withControl ? CMSG_SPACE_ONE_FD : 0);
        }

        /** A message whose header is {@code header} (a slot of an {@code mmsghdr} vector, say). */
        Message(Arena arena, MemorySegment header, long length, long controlSize) {
            this.header = header;
            iovec = arena.allocate(IOVEC_SIZE, 8);
            data = arena.allocate(length, 8);
            control = controlSize > 0 ? arena.allocate(controlSize, 8) : MemorySegment.NULL;
            pointAt(data);
            header.set(ADDRESS, MSG_NAME, MemorySegment.NULL);
            header.set(JAVA_INT, MSG_NAMELEN, 0);
            header.set(ADDRESS, MSG_IOV, iovec);
            header.set(JAVA_LONG, MSG_IOVLEN, 1);
            header.set(ADDRESS, MSG_CONTROL, control);
            header.set(JAVA_LONG, MSG_CONTROLLEN, controlSize);
            header.set(JAVA_INT, MSG_FLAGS, 0);
        }

        /** Writes one {@code SCM_RIGHTS} message of {@code fds} into the control buffer. */
        void putRights(int... fds) {
            control.set(JAVA_LONG, CMSG_LEN_OFFSET, cmsgLen(fds.length));
            control.set(JAVA_INT, CMSG_LEVEL, SOL_SOCKET);
            control.set(JAVA_INT, CMSG_TYPE, SCM_RIGHTS);
            for (int i = 0; i < fds.length; i++) {
                control.set(JAVA_INT, CMSG_DATA + 4L * i, fds[i]);
            }
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
            setBuffers(IMPL, pair, Workloads.socketBuffer(length));
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

    /** W4: 1 byte + {@code count} copies of the pipe's write end in one message; all closed per op. */
    @State(Scope.Thread)
    public static class Descriptors {
        /** Descriptors per message: W4 is 16; the scaling run goes from 1 to 253. */
        @Param({"16"})
        public int count;
        Arena arena;
        MemorySegment capture;
        int[] pair;
        int[] pipe;
        Message out;
        Message in;
        long space;

        @Setup
        public void setup() throws ErrnoException {
            arena = Arena.ofConfined();
            capture = arena.allocate(CAPTURE_LAYOUT);
            pair = Posix.socketpair();
            pipe = Posix.pipe();
            space = cmsgSpace(count);
            out = new Message(arena, arena.allocate(MSGHDR_SIZE, 8), 1, space);
            in = new Message(arena, arena.allocate(MSGHDR_SIZE, 8), 1, space);
            out.data.set(JAVA_BYTE, 0, (byte) 'x');
            out.putRights(Workloads.copies(pipe[1], count));
            int n = transfer();
            int[] received = new int[n];
            for (int i = 0; i < n; i++) {
                received[i] = in.control.get(JAVA_INT, CMSG_DATA + 4L * i);
            }
            Workloads.checkDescriptors(IMPL, received, count, pipe[1], pipe[0]);
            for (int fd : received) {
                Posix.close(fd);
            }
        }

        /** sendmsg + recvmsg; returns how many descriptors arrived, still open. */
        int transfer() {
            long sent = sendmsg(capture, pair[0], out.header, MSG_NOSIGNAL);
            if (sent != 1) {
                throw failure("sendmsg", sent);
            }
            in.header.set(JAVA_LONG, MSG_CONTROLLEN, space);
            long received = recvmsg(capture, pair[1], in.header, MSG_CMSG_CLOEXEC);
            if (received != 1) {
                throw failure("recvmsg", received);
            }
            long length = in.control.get(JAVA_LONG, CMSG_LEN_OFFSET);
            if (in.header.get(JAVA_LONG, MSG_CONTROLLEN) < CMSG_DATA || length < CMSG_DATA
                    || in.control.get(JAVA_INT, CMSG_LEVEL) != SOL_SOCKET
                    || in.control.get(JAVA_INT, CMSG_TYPE) != SCM_RIGHTS) {
                throw new IllegalStateException("recvmsg: no SCM_RIGHTS descriptor arrived");
            }
            return (int) ((length - CMSG_DATA) / 4);
        }

        int roundTrip() {
            int n = transfer();
            for (int i = 0; i < n; i++) {
                int closed = close(capture, in.control.get(JAVA_INT, CMSG_DATA + 4L * i));
                if (closed != 0) {
                    throw failure("close", closed);
                }
            }
            return n;
        }

        @TearDown
        public void tearDown() {
            Workloads.closeAll(pair);
            Workloads.closeAll(pipe);
            arena.close();
        }
    }

    /**
     * W5: {@value Workloads#W5_DATAGRAMS} datagrams of {@value Workloads#W5_BYTES} bytes over a datagram
     * socketpair, as single {@code sendmsg}/{@code recvmsg} calls or as one {@code sendmmsg} and one
     * {@code recvmmsg} over vectors of {@code mmsghdr} set up once.
     */
    @State(Scope.Thread)
    public static class Datagrams {
        Arena arena;
        MemorySegment capture;
        int[] pair;
        Message[] out;
        Message[] in;
        MemorySegment outVector;
        MemorySegment inVector;

        @Setup
        public void setup() throws ErrnoException {
            arena = Arena.ofConfined();
            capture = arena.allocate(CAPTURE_LAYOUT);
            pair = Posix.socketpair(AF_UNIX, SOCK_DGRAM);
            int n = Workloads.W5_DATAGRAMS;
            outVector = arena.allocate(MMSGHDR_SIZE * n, 8);
            inVector = arena.allocate(MMSGHDR_SIZE * n, 8);
            out = new Message[n];
            in = new Message[n];
            byte[] payload = Workloads.payload(Workloads.W5_BYTES);
            for (int i = 0; i < n; i++) {
                out[i] = new Message(arena, outVector.asSlice(MMSGHDR_SIZE * i, MMSGHDR_SIZE), Workloads.W5_BYTES, 0);
                in[i] = new Message(arena, inVector.asSlice(MMSGHDR_SIZE * i, MMSGHDR_SIZE), Workloads.W5_BYTES, 0);
                MemorySegment.copy(payload, 0, out[i].data, JAVA_BYTE, 0, payload.length);
            }
            Workloads.check(IMPL, singles() == n * Workloads.W5_BYTES, "32 datagrams one by one");
            Workloads.checkBytes(IMPL, payload, in[n - 1].data.toArray(JAVA_BYTE));
            in[n - 1].data.fill((byte) 0);
            Workloads.check(IMPL, batch() == n, "32 datagrams in one batch");
            for (int i = 0; i < n; i++) {
                Workloads.check(IMPL, inVector.get(JAVA_INT, MMSGHDR_SIZE * i + MMSG_LEN) == Workloads.W5_BYTES, "msg_len");
            }
            Workloads.checkBytes(IMPL, payload, in[n - 1].data.toArray(JAVA_BYTE));
        }

        long singles() {
            long total = 0;
            for (Message m : out) {
                long sent = sendmsg(capture, pair[0], m.header, MSG_NOSIGNAL);
                if (sent != Workloads.W5_BYTES) {
                    throw failure("sendmsg", sent);
                }
            }
            for (Message m : in) {
                long received = recvmsg(capture, pair[1], m.header, MSG_CMSG_CLOEXEC);
                if (received != Workloads.W5_BYTES) {
                    throw failure("recvmsg", received);
                }
                total += received;
            }
            return total;
        }

        int batch() {
            int n = Workloads.W5_DATAGRAMS;
            int sent = sendmmsg(capture, pair[0], outVector, n, MSG_NOSIGNAL);
            if (sent != n) {
                sent = sendRest(sent);
            }
            int received = recvmmsg(capture, pair[1], inVector, n, MSG_CMSG_CLOEXEC);
            if (received != n) {
                received = receiveRest(received);
            }
            return received;
        }

        private int sendRest(int sent) {
            int done = 0;
            int n = Workloads.W5_DATAGRAMS;
            while (true) {
                if (sent < 0 && sent != -EINTR) {
                    throw failure("sendmmsg", sent);
                }
                done += Math.max(sent, 0);
                if (done == n) {
                    return done;
                }
                sent = sendmmsg(capture, pair[0], outVector.asSlice(MMSGHDR_SIZE * done), n - done, MSG_NOSIGNAL);
            }
        }

        private int receiveRest(int received) {
            int done = 0;
            int n = Workloads.W5_DATAGRAMS;
            while (true) {
                if (received < 0 && received != -EINTR) {
                    throw failure("recvmmsg", received);
                }
                done += Math.max(received, 0);
                if (done == n) {
                    return done;
                }
                received = recvmmsg(capture, pair[1], inVector.asSlice(MMSGHDR_SIZE * done), n - done, MSG_CMSG_CLOEXEC);
            }
        }

        @TearDown
        public void tearDown() {
            Workloads.closeAll(pair);
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

    @Benchmark
    public int descriptors(Descriptors state) {
        return state.roundTrip();
    }

    @Benchmark
    @OperationsPerInvocation(Workloads.W5_DATAGRAMS)
    public long datagrams(Datagrams state) {
        return state.singles();
    }

    @Benchmark
    @OperationsPerInvocation(Workloads.W5_DATAGRAMS)
    public int datagramBatch(Datagrams state) {
        return state.batch();
    }
}
