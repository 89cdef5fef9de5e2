package io.github.sendmsg.bench;

import io.github.sendmsg.ControlMessage;
import io.github.sendmsg.ErrnoException;
import io.github.sendmsg.NativeMessage;
import io.github.sendmsg.Posix;
import io.github.sendmsg.SendMsg;
import io.github.sendmsg.internal.MessageAccess;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.github.sendmsg.bench.RawFfm.*;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * W0: the binding's own work, with no syscall, where a few nanoseconds show. Ours against the floor's
 * own code for the same job, both over native memory set up once:
 * <ul>
 * <li>{@code encodeFloor}: write a {@code msghdr} for 64 bytes + 1 descriptor: the {@code iovec}, the
 *     seven header fields, and the {@code SCM_RIGHTS} control message.</li>
 * <li>{@code encodeOurs}: the same through {@code NativeMessage}: {@code clearControl().addRights(fd)}
 *     and the checks and header fill its {@code send} makes before the downcall (through the hook the
 *     channel uses, so no syscall is made).</li>
 * <li>{@code encodeOursPrepared}: what W1/W2 pay per send with a message whose content does not
 *     change: the buffer checks and header fill alone.</li>
 * <li>{@code parseFloor}: read a received control buffer of {@code count} descriptors (1 or 16): the
 *     control length, each {@code cmsghdr}'s level and type, every descriptor.</li>
 * <li>{@code parseOurs}: the same through {@code NativeMessage}: what its {@code receive} reads back
 *     after the downcall, {@code fileDescriptorCount()} and every {@code fileDescriptor(i)}.</li>
 * <li>{@code copiesW3}: the two 64 KiB copies and the {@code byte[]} the Twisted layer adds to W3.</li>
 * <li>{@code parseOursObjects}: {@code NativeMessage.ancillary()}, the list of {@code ControlMessage}s
 *     that the {@code byte[]} and {@code ByteBuffer[]} layers build for each receive.</li>
 * </ul>
 * The received control buffers are real: one {@code recvmsg} in setup fills them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class Encoding {

    static final String IMPL = "encoding";

    @State(Scope.Thread)
    public static class Encode {
        Arena arena;
        int[] pipe;
        int fd;
        // the floor's message
        MemorySegment header;
        MemorySegment iovec;
        MemorySegment data;
        MemorySegment control;
        // ours
        NativeMessage message;
        NativeMessage prepared;
        MessageAccess.Operations access;

        @Setup
        public void setup() throws ErrnoException {
            arena = Arena.ofConfined();
            pipe = Posix.pipe();
            fd = pipe[1];
            header = arena.allocate(MSGHDR_SIZE, 8);
            iovec = arena.allocate(IOVEC_SIZE, 8);
            data = arena.allocate(Workloads.W1_BYTES, 8);
            control = arena.allocate(CMSG_SPACE_ONE_FD, 8);
            int space = SendMsg.CMSG_SPACE(Integer.BYTES);
            message = NativeMessage.allocate(1, space).setBuffer(data);
            prepared = NativeMessage.allocate(1, space).setBuffer(data).addRights(fd);
            access = MessageAccess.operations();
            // The pair is a stream: the library's one conditional syscall (a send of ancillary data with
            // no bytes) must not be taken, and is not: 64 bytes go with the descriptor.
            encodeFloor();
            MemorySegment floorControl = control.asSlice(0, CMSG_SPACE_ONE_FD);
            MemorySegment oursHeader = encodeOurs();
            Workloads.check(IMPL, oursHeader.get(JAVA_LONG, MSG_IOVLEN) == 1
                    && oursHeader.get(JAVA_LONG, MSG_CONTROLLEN) == CMSG_SPACE_ONE_FD, "the header ours builds");
            MemorySegment oursControl = oursHeader.get(ADDRESS, MSG_CONTROL).reinterpret(CMSG_SPACE_ONE_FD);
            Workloads.check(IMPL, oursControl.get(JAVA_LONG, CMSG_LEN_OFFSET) == floorControl.get(JAVA_LONG, CMSG_LEN_OFFSET)
                    && oursControl.get(JAVA_INT, CMSG_DATA) == fd, "the same control message as the floor's");
        }

        MemorySegment encodeFloor() {
            iovec.set(ADDRESS, IOV_BASE, data);
            iovec.set(JAVA_LONG, IOV_LEN, Workloads.W1_BYTES);
            header.set(ADDRESS, MSG_NAME, MemorySegment.NULL);
            header.set(JAVA_INT, MSG_NAMELEN, 0);
            header.set(ADDRESS, MSG_IOV, iovec);
            header.set(JAVA_LONG, MSG_IOVLEN, 1);
            header.set(ADDRESS, MSG_CONTROL, control);
            header.set(JAVA_LONG, MSG_CONTROLLEN, CMSG_SPACE_ONE_FD);
            header.set(JAVA_INT, MSG_FLAGS, 0);
            control.set(JAVA_LONG, CMSG_LEN_OFFSET, CMSG_LEN_ONE_FD);
            control.set(JAVA_INT, CMSG_LEVEL, SOL_SOCKET);
            control.set(JAVA_INT, CMSG_TYPE, SCM_RIGHTS);
            control.set(JAVA_INT, CMSG_DATA, fd);
            return header;
        }

        MemorySegment encodeOurs() {
            return access.prepareSend(message.clearControl().addRights(fd), fd);
        }

        MemorySegment encodeOursPrepared() {
            return access.prepareSend(prepared, fd);
        }

        @TearDown
        public void tearDown() {
            message.close();
            prepared.close();
            Workloads.closeAll(pipe);
            arena.close();
        }
    }

    @State(Scope.Thread)
    public static class Parse {
        /** Descriptors in the received control buffer. */
        @Param({"1", "16"})
        public int count;
        Arena arena;
        int[] pipe;
        int[] received;
        MemorySegment header;
        MemorySegment control;
        NativeMessage message;
        MessageAccess.Operations access;

        @Setup
        public void setup() throws ErrnoException {
            arena = Arena.ofConfined();
            pipe = Posix.pipe();
            int[] pair = Posix.socketpair();
            try {
                int space = SendMsg.CMSG_SPACE(Integer.BYTES * count);
                message = NativeMessage.allocate(1, space).setBuffer(arena.allocate(1));
                access = MessageAccess.operations();
                List<ControlMessage> rights = List.of(ControlMessage.rights(Workloads.copies(pipe[1], count)));
                SendMsg.send1msg(pair[0], new byte[] {'x'}, 0, rights);
                Workloads.check(IMPL, message.receive(pair[1], 0) == 1, "one byte");
                received = message.fileDescriptors();
                // The floor parses a copy of the same control buffer, under a header that says its length.
                control = arena.allocate(space, 8);
                header = arena.allocate(MSGHDR_SIZE, 8);
                SendMsg.send1msg(pair[0], new byte[] {'x'}, 0, rights);
                MemorySegment iovec = arena.allocate(IOVEC_SIZE, 8);
                iovec.set(ADDRESS, IOV_BASE, arena.allocate(1));
                iovec.set(JAVA_LONG, IOV_LEN, 1);
                header.set(ADDRESS, MSG_IOV, iovec);
                header.set(JAVA_LONG, MSG_IOVLEN, 1);
                header.set(ADDRESS, MSG_CONTROL, control);
                header.set(JAVA_LONG, MSG_CONTROLLEN, space);
                MemorySegment capture = arena.allocate(CAPTURE_LAYOUT);
                Workloads.check(IMPL, recvmsg(capture, pair[1], header, MSG_CMSG_CLOEXEC) == 1, "the floor's byte");
            } finally {
                Workloads.closeAll(pair);
            }
            long floorSum = parseFloor();
            long oursSum = parseOurs();
            long expected = 0;
            for (int i = 0; i < count; i++) {
                expected += control.get(JAVA_INT, CMSG_DATA + 4L * i);
            }
            Workloads.check(IMPL, floorSum == expected && received.length == count, "the floor's parse");
            long oursExpected = 0;
            for (int fd : received) {
                oursExpected += fd;
            }
            Workloads.check(IMPL, oursSum == oursExpected, "our parse");
            Workloads.check(IMPL, message.ancillary().getFirst().fileDescriptors().length == count, "the objects' parse");
        }

        /** Sums the descriptors of every {@code SCM_RIGHTS} message, walking the buffer as CMSG_NXTHDR does. */
        long parseFloor() {
            long length = header.get(JAVA_LONG, MSG_CONTROLLEN);
            long sum = 0;
            long offset = 0;
            while (offset + CMSG_DATA <= length) {
                long cmsgLength = control.get(JAVA_LONG, offset + CMSG_LEN_OFFSET);
                if (cmsgLength < CMSG_DATA || offset + cmsgLength > length) {
                    break;
                }
                if (control.get(JAVA_INT, offset + CMSG_LEVEL) == SOL_SOCKET
                        && control.get(JAVA_INT, offset + CMSG_TYPE) == SCM_RIGHTS) {
                    int n = (int) ((cmsgLength - CMSG_DATA) / 4);
                    for (int i = 0; i < n; i++) {
                        sum += control.get(JAVA_INT, offset + CMSG_DATA + 4L * i);
                    }
                }
                offset += (cmsgLength + 7) & ~7L;
            }
            return sum;
        }

        long parseOurs() {
            access.finishReceive(message);
            int n = message.fileDescriptorCount();
            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum += message.fileDescriptor(i);
            }
            return sum;
        }

        @TearDown
        public void tearDown() {
            Workloads.closeAll(received);
            for (int i = 0; i < count; i++) {
                Workloads.closeAll(control.get(JAVA_INT, CMSG_DATA + 4L * i));
            }
            message.close();
            Workloads.closeAll(pipe);
            arena.close();
        }
    }

    /**
     * What the {@code byte[]} layer does on W3 besides the two syscalls: copy the caller's
     * {@value Workloads#W3_BYTES} bytes into native memory for the send, and copy the received bytes
     * out into a new {@code byte[]} (its allocation included) for the {@code ReceivedMessage}.
     */
    @State(Scope.Thread)
    public static class Copies {
        byte[] payload;
        Arena arena;
        MemorySegment nativeBuffer;

        @Setup
        public void setup() {
            payload = Workloads.payload(Workloads.W3_BYTES);
            arena = Arena.ofConfined();
            nativeBuffer = arena.allocate(Workloads.W3_BYTES, 8);
            Workloads.checkBytes(IMPL, payload, copies());
        }

        byte[] copies() {
            MemorySegment.copy(payload, 0, nativeBuffer, JAVA_BYTE, 0, payload.length);
            return nativeBuffer.toArray(JAVA_BYTE);
        }

        @TearDown
        public void tearDown() {
            arena.close();
        }
    }

    /** With the heap committed and touched up front: the copies' cost, not the JVM growing its heap. */
    @Benchmark
    @Fork(jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
    public byte[] copiesW3(Copies state) {
        return state.copies();
    }

    @Benchmark
    public MemorySegment encodeFloor(Encode state) {
        return state.encodeFloor();
    }

    @Benchmark
    public MemorySegment encodeOurs(Encode state) {
        return state.encodeOurs();
    }

    @Benchmark
    public MemorySegment encodeOursPrepared(Encode state) {
        return state.encodeOursPrepared();
    }

    @Benchmark
    public long parseFloor(Parse state) {
        return state.parseFloor();
    }

    @Benchmark
    public long parseOurs(Parse state) {
        return state.parseOurs();
    }

    @Benchmark
    public List<ControlMessage> parseOursObjects(Parse state) {
        return state.message.ancillary();
    }
}
