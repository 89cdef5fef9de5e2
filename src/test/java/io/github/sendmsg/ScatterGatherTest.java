package io.github.sendmsg;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Scatter/gather ({@code SendMsg.sendmsg(int, ByteBuffer[], …)}, {@code SendMsg.recvmsg(int, ByteBuffer[], …)}
 * and the {@code MemorySegment[]} forms): bytes go out and come in in buffer order, and buffer positions
 * move exactly as a {@link java.nio.channels.GatheringByteChannel} / {@link java.nio.channels.ScatteringByteChannel}
 * would move them (edge case 2).
 */
@ExtendWith(NoFdLeaks.class)
class ScatterGatherTest {

    private int sender;
    private int receiver;
    private final List<Integer> toClose = new ArrayList<>();

    @BeforeEach
    void connect() throws ErrnoException {
        int[] pair = Posix.socketpair();
        sender = pair[0];
        receiver = pair[1];
    }

    @AfterEach
    void close() {
        Fds.closeAll(sender, receiver);
        toClose.forEach(Fds::closeAll);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String ascii(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    /** A heap buffer holding {@code "<" + content + ">"} with position and limit around {@code content}. */
    private static ByteBuffer heapWindow(String content) {
        ByteBuffer buffer = ByteBuffer.wrap(ascii("<<" + content + ">>>"));
        return buffer.position(2).limit(2 + content.length());
    }

    /** The same as {@link #heapWindow} in a direct buffer. */
    private static ByteBuffer directWindow(String content) {
        byte[] all = ascii("<<" + content + ">>>");
        ByteBuffer buffer = ByteBuffer.allocateDirect(all.length).put(all);
        return buffer.position(2).limit(2 + content.length());
    }

    /** A heap buffer that is a slice of a larger array (non-zero array offset) around {@code content}. */
    private static ByteBuffer heapSlice(String content) {
        ByteBuffer outer = ByteBuffer.wrap(ascii("####" + content + "####"));
        ByteBuffer slice = outer.position(4).slice();
        return slice.limit(content.length());
    }

    private byte[] receiveAll(int fd, int count) throws ErrnoException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        while (all.size() < count) {
            ReceivedMessage part = SendMsg.recv1msg(fd, count - all.size());
            assertThat(part.data()).as("the stream does not end before %d bytes", count).isNotEmpty();
            all.writeBytes(part.data());
        }
        return all.toByteArray();
    }

    private void assertNothingQueued(int fd) {
        assertThatThrownBy(() -> SendMsg.recv1msg(fd, 1024, SendMsg.MSG_DONTWAIT))
                .as("nothing is queued on the socket")
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errnoName()).isEqualTo("EAGAIN"));
    }

    // --- memory whose arena is closed ----------------------------------------------------------

    @Test
    void aSegmentWhoseArenaIsClosedIsRefusedBeforeTheKernelCanFillFreedMemory() throws Exception {
        Arena arena = Arena.ofConfined();
        MemorySegment segment = arena.allocate(16);
        arena.close();
        SendMsg.send1msg(sender, "queued".getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(() -> SendMsg.recvmsg(receiver, new MemorySegment[] {segment}, 0, 0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("buffers[0]").hasMessageContaining("closed");
        assertThat(SendMsg.recv1msg(receiver, 16).data()).as("the bytes are still queued: no recvmsg was made")
                .asString(StandardCharsets.US_ASCII).isEqualTo("queued");
    }

    @Test
    void aDirectBufferOfAClosedArenaIsRefusedBeforeTheKernelCanReadFreedMemory() {
        Arena arena = Arena.ofShared();
        ByteBuffer buffer = arena.allocate(16).asByteBuffer();
        MemorySegment segment = arena.allocate(16);
        arena.close();

        assertThatThrownBy(() -> SendMsg.sendmsg(sender, new ByteBuffer[] {ByteBuffer.allocateDirect(4), buffer}, List.of(), 0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("buffers[1]");
        assertThatThrownBy(() -> SendMsg.sendmsg(sender, new MemorySegment[] {segment}, List.of(), 0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("buffers[0]");
        assertThatThrownBy(() -> SendMsg.recvmsg(receiver, new ByteBuffer[] {buffer}, 0, 0))
                .isInstanceOf(IllegalStateException.class);
        assertNothingQueued(receiver);
    }

    // --- gather -------------------------------------------------------------------------------

    @Test
    void gatheringHeapBuffersSendsTheirRemainingBytesInOrderAndAdvancesEachPositionToItsLimit() throws Exception {
        // edge case 2
        ByteBuffer[] buffers = {heapWindow("Hello"), heapSlice(", "), heapWindow("world")};

        long sent = SendMsg.sendmsg(sender, buffers, List.of(), 0);

        assertThat(sent).as("the sent count is the sum of the remaining bytes").isEqualTo(12);
        assertThat(ascii(receiveAll(receiver, 12))).as("the peer receives the concatenation, in buffer order")
                .isEqualTo("Hello, world");
        for (ByteBuffer buffer : buffers) {
            assertThat(buffer.hasRemaining()).as("every buffer's position has reached its limit").isFalse();
        }
        assertThat(buffers[0].position()).as("the first buffer's position moved by exactly its 5 bytes").isEqualTo(7);
        assertThat(buffers[0].limit()).as("the limit is not touched").isEqualTo(7);
        assertThat(buffers[1].position()).as("the slice's position moved by its 2 bytes").isEqualTo(2);
    }

    @Test
    void gatheringDirectBuffersSendsTheirRemainingBytesInOrderAndAdvancesPositions() throws Exception {
        // edge case 2
        ByteBuffer[] buffers = {directWindow("zero-"), directWindow("copy "), directWindow("gather")};

        long sent = SendMsg.sendmsg(sender, buffers, List.of(), 0);

        assertThat(sent).as("the sent count is the sum of the remaining bytes").isEqualTo(16);
        assertThat(ascii(receiveAll(receiver, 16))).as("the peer receives the concatenation, in buffer order")
                .isEqualTo("zero-copy gather");
        assertThat(Arrays.stream(buffers).mapToInt(ByteBuffer::position).toArray())
                .as("each position advanced by exactly its remaining bytes").containsExactly(7, 7, 8);
    }

    @Test
    void gatheringMixedHeapAndDirectBuffersKeepsTheirOrder() throws Exception {
        // edge case 2
        ByteBuffer emptyHeap = ByteBuffer.allocate(8).position(8);
        ByteBuffer[] buffers = {directWindow("a"), heapWindow("bb"), emptyHeap, directWindow("ccc"), heapSlice("dddd")};

        long sent = SendMsg.sendmsg(sender, buffers, List.of(), 0);

        assertThat(sent).isEqualTo(10);
        assertThat(ascii(receiveAll(receiver, 10))).as("direct and heap bytes interleave in buffer order")
                .isEqualTo("abbcccdddd");
        assertThat(Arrays.stream(buffers).mapToInt(ByteBuffer::position).toArray())
                .as("positions advanced by exactly each buffer's share; the empty buffer did not move")
                .containsExactly(3, 4, 8, 5, 4);
    }

    @Test
    void gatheringLeavesTheBytesOutsidePositionAndLimitAlone() throws Exception {
        ByteBuffer heap = heapWindow("in");
        SendMsg.sendmsg(sender, new ByteBuffer[] {heap}, List.of(), 0);
        assertThat(ascii(receiveAll(receiver, 2))).as("only the bytes between position and limit are sent")
                .isEqualTo("in");
        assertNothingQueued(receiver);
    }

    @Test
    void theMostBuffersLinuxTakesInOneCallAreGatheredInOrder() throws Exception {
        // IOV_MAX = 1024: the boundary that is still accepted.
        ByteBuffer[] buffers = new ByteBuffer[1024];
        byte[] expected = new byte[1024];
        for (int i = 0; i < buffers.length; i++) {
            expected[i] = (byte) i;
            buffers[i] = (i % 2 == 0 ? ByteBuffer.allocate(1) : ByteBuffer.allocateDirect(1)).put(0, (byte) i);
        }

        long sent = SendMsg.sendmsg(sender, buffers, List.of(), 0);

        assertThat(sent).as("1024 one-byte buffers send 1024 bytes").isEqualTo(1024);
        assertThat(receiveAll(receiver, 1024)).as("the bytes arrive in buffer order").isEqualTo(expected);
    }

    @Test
    void gatheringWithDescriptorsDeliversThemWithTheBytes() throws Exception {
        int[] fds = Fds.pipeReadEnds(2, toClose);
        int before = Fds.openCount();
        ByteBuffer[] buffers = {heapWindow("fd"), directWindow("s!")};

        long sent = SendMsg.sendmsg(sender, buffers, List.of(ControlMessage.rights(fds)), 0);
        ReceivedMessage message = SendMsg.recv1msg(receiver, 1024);
        int[] copies = message.fileDescriptors();
        try {
            assertThat(sent).isEqualTo(4);
            assertThat(ascii(message.data())).as("the gathered bytes arrive with the descriptors").isEqualTo("fds!");
            assertThat(copies).as("both descriptors arrive").hasSize(2);
            assertThat(Arrays.stream(copies).mapToObj(Fds::target).toList())
                    .as("the copies refer to the sent pipes, in order")
                    .isEqualTo(Arrays.stream(fds).mapToObj(Fds::target).toList());
            assertThat(Fds.openCount()).as("exactly two descriptors were installed").isEqualTo(before + 2);
        } finally {
            Fds.closeAll(copies);
        }
        assertThat(Fds.openCount()).as("closing the copies brings the count back").isEqualTo(before);
    }

    @Test
    void aShortNonBlockingGatherAdvancesPositionsByExactlyTheBytesSentAndSendsTheDescriptorsOnce() throws Exception {
        // edge cases 3 and 16
        int[] pair = Posix.socketpair(SendMsg.AF_UNIX, SendMsg.SOCK_STREAM | SendMsg.SOCK_NONBLOCK);
        toClose.add(pair[0]);
        toClose.add(pair[1]);
        int[] fds = Fds.pipeReadEnds(1, toClose);
        int size = 4 << 20;
        ByteBuffer[] buffers = {ByteBuffer.allocateDirect(size), ByteBuffer.allocate(size), ByteBuffer.allocateDirect(size)};
        for (int b = 0; b < buffers.length; b++) {
            for (int i = 0; i < size; i++) {
                buffers[b].put(i, (byte) (b * 31 + i));
            }
        }
        long total = 3L * size;
        int before = Fds.openCount();

        long sent = SendMsg.sendmsg(pair[0], buffers, List.of(ControlMessage.rights(fds)), 0);

        assertThat(sent).as("a non-blocking socket takes only part of 12 MiB").isPositive().isLessThan(total);
        long advanced = Arrays.stream(buffers).mapToLong(ByteBuffer::position).sum();
        assertThat(advanced).as("the positions advanced by exactly the bytes sent, together").isEqualTo(sent);
        long left = sent;
        for (ByteBuffer buffer : buffers) {
            long expected = Math.min(size, left);
            assertThat((long) buffer.position()).as("buffers are consumed in order: earlier ones first").isEqualTo(expected);
            left -= expected;
        }

        ByteArrayOutputStream received = new ByteArrayOutputStream();
        List<Integer> copies = new ArrayList<>();
        try {
            while (true) {
                ReceivedMessage part;
                try {
                    part = SendMsg.recv1msg(pair[1], 1 << 20, SendMsg.MSG_DONTWAIT);
                } catch (ErrnoException e) {
                    assertThat(e.errnoName()).as("the drain ends when the socket is empty").isEqualTo("EAGAIN");
                    break;
                }
                for (int fd : part.fileDescriptors()) {
                    copies.add(fd);
                }
                received.writeBytes(part.data());
            }
            assertThat((long) received.size()).as("the peer gets exactly the bytes the send reported").isEqualTo(sent);
            byte[] bytes = received.toByteArray();
            for (int i = 0; i < bytes.length; i++) {
                int b = i / size;
                if (bytes[i] != (byte) (b * 31 + i % size)) {
                    throw new AssertionError("byte " + i + " differs from what was gathered");
                }
            }
            assertThat(copies).as("the descriptor went out once, with the first byte of the short send").hasSize(1);
            assertThat(Fds.target(copies.get(0))).as("the copy is the sent pipe").isEqualTo(Fds.target(fds[0]));
        } finally {
            copies.forEach(Fds::closeAll);
        }
        assertThat(Fds.openCount()).as("nothing leaked").isEqualTo(before);
    }

    // --- scatter ------------------------------------------------------------------------------

    @Test
    void scatteringIntoHeapBuffersFillsThemInOrderAndAdvancesPositions() throws Exception {
        // edge case 2
        SendMsg.send1msg(sender, ascii("0123456789"));
        ByteBuffer first = ByteBuffer.wrap(ascii("##...")).position(2);      // 3 bytes of room after 2 kept
        ByteBuffer second = ByteBuffer.allocate(10).limit(4);                // 4 bytes of room
        ByteBuffer third = ByteBuffer.allocate(10);                          // 10 bytes of room, 3 used

        ReceiveResult result = SendMsg.recvmsg(receiver, new ByteBuffer[] {first, second, third}, 0, 0);

        assertThat(result.bytes()).as("all 10 bytes arrive").isEqualTo(10);
        assertThat(first.position()).as("the first buffer is full").isEqualTo(5);
        assertThat(second.position()).as("the second buffer is full up to its limit").isEqualTo(4);
        assertThat(third.position()).as("the third buffer got the last 3 bytes").isEqualTo(3);
        assertThat(ascii(first.array())).as("bytes before the position are kept").isEqualTo("##012");
        assertThat(ascii(Arrays.copyOf(second.array(), 4))).isEqualTo("3456");
        assertThat(second.array()[4]).as("nothing is written past the limit").isZero();
        assertThat(ascii(Arrays.copyOf(third.array(), 3))).isEqualTo("789");
        assertThat(result.ancillary()).isEmpty();
        assertThat(result.flags()).isZero();
        assertThat(result.address()).as("a connected stream socket reports no sender address").isNull();
    }

    @Test
    void scatteringIntoDirectBuffersFillsThemInOrderAndAdvancesPositions() throws Exception {
        // edge case 2
        SendMsg.send1msg(sender, ascii("abcdefgh"));
        ByteBuffer first = ByteBuffer.allocateDirect(8).position(5);        // 3 bytes of room
        ByteBuffer second = ByteBuffer.allocateDirect(8);

        ReceiveResult result = SendMsg.recvmsg(receiver, new ByteBuffer[] {first, second}, 0, 0);

        assertThat(result.bytes()).isEqualTo(8);
        assertThat(first.position()).as("the first direct buffer is full").isEqualTo(8);
        assertThat(second.position()).as("the second got the other 5 bytes").isEqualTo(5);
        byte[] a = new byte[3];
        first.get(5, a);
        byte[] b = new byte[5];
        second.get(0, b);
        assertThat(ascii(a) + ascii(b)).as("the bytes were filled in place, in order").isEqualTo("abcdefgh");
    }

    @Test
    void scatteringIntoMixedBuffersFillsThemInOrder() throws Exception {
        // edge case 2
        SendMsg.send1msg(sender, ascii("AAbbbCCCCdd"));
        ByteBuffer[] buffers = {ByteBuffer.allocate(2), ByteBuffer.allocateDirect(3), ByteBuffer.allocate(0),
                ByteBuffer.wrap(new byte[8], 2, 4).slice(), ByteBuffer.allocateDirect(16)};

        ReceiveResult result = SendMsg.recvmsg(receiver, buffers, 0, 0);

        assertThat(result.bytes()).isEqualTo(11);
        assertThat(Arrays.stream(buffers).mapToInt(ByteBuffer::position).toArray())
                .as("each position advanced by what its buffer took").containsExactly(2, 3, 0, 4, 2);
        StringBuilder joined = new StringBuilder();
        for (ByteBuffer buffer : buffers) {
            byte[] got = new byte[buffer.position()];
            buffer.get(0, got);
            joined.append(ascii(got));
        }
        assertThat(joined.toString()).as("heap and direct buffers got their parts in order").isEqualTo("AAbbbCCCCdd");
    }

    @Test
    void scatteringFewerBytesThanRoomLeavesLaterBuffersUntouched() throws Exception {
        SendMsg.send1msg(sender, ascii("xy"));
        ByteBuffer first = ByteBuffer.allocate(4);
        ByteBuffer second = ByteBuffer.allocateDirect(4);

        ReceiveResult result = SendMsg.recvmsg(receiver, new ByteBuffer[] {first, second}, 0, 0);

        assertThat(result.bytes()).isEqualTo(2);
        assertThat(first.position()).as("the first buffer took both bytes").isEqualTo(2);
        assertThat(second.position()).as("the second buffer did not move").isZero();
    }

    @Test
    void scatteringWithDescriptorsReturnsThem() throws Exception {
        int[] fds = Fds.pipeReadEnds(1, toClose);
        int before = Fds.openCount();
        SendMsg.send1msg(sender, ascii("fd"), 0, List.of(ControlMessage.rights(fds)));

        ReceiveResult result = SendMsg.recvmsg(receiver, new ByteBuffer[] {ByteBuffer.allocate(1), ByteBuffer.allocateDirect(1)},
                64, 0);
        int[] copies = result.fileDescriptors();
        try {
            assertThat(result.bytes()).isEqualTo(2);
            assertThat(copies).as("the descriptor arrives with a scatter receive").hasSize(1);
            assertThat(Fds.target(copies[0])).isEqualTo(Fds.target(fds[0]));
            assertThat(Fds.isCloseOnExec(copies[0])).as("the copy is close-on-exec").isTrue();
            assertThat(result.isControlTruncated()).isFalse();
        } finally {
            Fds.closeAll(copies);
        }
        assertThat(Fds.openCount()).isEqualTo(before);
    }

    // --- memory segments ----------------------------------------------------------------------

    @Test
    void gatheringNativeAndHeapSegmentsSendsThemWholeInOrder() throws Exception {
        // edge case 2
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment nativeOne = arena.allocateFrom(ValueLayout.JAVA_BYTE, ascii("native|"));
            MemorySegment heap = MemorySegment.ofArray(ascii("heap|"));
            MemorySegment nativeTwo = arena.allocateFrom(ValueLayout.JAVA_BYTE, ascii("again"));

            long sent = SendMsg.sendmsg(sender, new MemorySegment[] {nativeOne, heap, nativeTwo}, List.of(), 0, null);

            assertThat(sent).as("every segment is sent whole").isEqualTo(17);
            assertThat(ascii(receiveAll(receiver, 17))).as("in segment order").isEqualTo("native|heap|again");
        }
    }

    @Test
    void scatteringIntoNativeAndHeapSegmentsFillsThemInOrder() throws Exception {
        // edge case 2
        SendMsg.send1msg(sender, ascii("0123456789AB"));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment first = arena.allocate(4);
            byte[] heapArray = new byte[5];
            MemorySegment heap = MemorySegment.ofArray(heapArray);
            MemorySegment last = arena.allocate(8);

            ReceiveResult result = SendMsg.recvmsg(receiver, new MemorySegment[] {first, heap, last}, 0, 0);

            assertThat(result.bytes()).isEqualTo(12);
            assertThat(ascii(first.toArray(ValueLayout.JAVA_BYTE))).as("the native segment was filled first")
                    .isEqualTo("0123");
            assertThat(ascii(heapArray)).as("the heap segment's array got the next bytes").isEqualTo("45678");
            assertThat(ascii(last.asSlice(0, 3).toArray(ValueLayout.JAVA_BYTE))).as("the last segment got the rest")
                    .isEqualTo("9AB");
        }
    }

    @Test
    void segmentsCarryDescriptorsBothWays() throws Exception {
        int[] fds = Fds.pipeReadEnds(1, toClose);
        int before = Fds.openCount();
        try (Arena arena = Arena.ofConfined()) {
            SendMsg.sendmsg(sender, new MemorySegment[] {arena.allocateFrom(ValueLayout.JAVA_BYTE, ascii("s"))},
                    List.of(ControlMessage.rights(fds)), 0, null);
            ReceiveResult result = SendMsg.recvmsg(receiver, new MemorySegment[] {arena.allocate(1)}, 16, 0);
            int[] copies = result.fileDescriptors();
            try {
                assertThat(copies).as("one descriptor arrives").hasSize(1);
                assertThat(Fds.target(copies[0])).isEqualTo(Fds.target(fds[0]));
            } finally {
                Fds.closeAll(copies);
            }
        }
        assertThat(Fds.openCount()).isEqualTo(before);
    }

    @Test
    void aReadOnlySegmentIsRefusedOnReceiveBeforeAnySyscall() throws Exception {
        SendMsg.send1msg(sender, ascii("kept"));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment readOnly = arena.allocate(8).asReadOnly();
            assertThatThrownBy(() -> SendMsg.recvmsg(receiver, new MemorySegment[] {arena.allocate(2), readOnly}, 0, 0))
                    .as("a read-only segment cannot be received into")
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read-only");
        }
        assertThat(ascii(SendMsg.recv1msg(receiver, 16).data())).as("nothing was taken off the socket").isEqualTo("kept");
    }

    // --- refusals -----------------------------------------------------------------------------

    @Test
    void aReadOnlyBufferIsRefusedOnReceiveBeforeAnySyscall() throws Exception {
        SendMsg.send1msg(sender, ascii("kept"));
        ByteBuffer[] buffers = {ByteBuffer.allocate(2), ByteBuffer.allocate(8).asReadOnlyBuffer()};

        assertThatThrownBy(() -> SendMsg.recvmsg(receiver, buffers, 0, 0))
                .as("a read-only heap buffer cannot be received into").isInstanceOf(ReadOnlyBufferException.class);
        assertThatThrownBy(() -> SendMsg.recvmsg(receiver,
                new ByteBuffer[] {ByteBuffer.allocateDirect(8).asReadOnlyBuffer()}, 0, 0))
                .as("nor can a read-only direct buffer").isInstanceOf(ReadOnlyBufferException.class);

        assertThat(buffers[0].position()).as("the writable buffer did not move").isZero();
        assertThat(ascii(SendMsg.recv1msg(receiver, 16).data())).as("nothing was taken off the socket").isEqualTo("kept");
    }

    @Test
    void aReadOnlyBufferMayBeSent() throws Exception {
        ByteBuffer readOnly = ByteBuffer.wrap(ascii("ro")).asReadOnlyBuffer();
        ByteBuffer readOnlyDirect = directWindow("!").asReadOnlyBuffer();
        assertThat(SendMsg.sendmsg(sender, new ByteBuffer[] {readOnly, readOnlyDirect}, List.of(), 0))
                .as("sending only reads the buffers").isEqualTo(3);
        assertThat(ascii(receiveAll(receiver, 3))).isEqualTo("ro!");
        assertThat(readOnly.hasRemaining()).as("a read-only buffer's position still advances").isFalse();
    }

    @Test
    void moreThan1024BuffersAreRefusedBeforeAnySyscall() {
        ByteBuffer[] buffers = new ByteBuffer[1025];
        Arrays.setAll(buffers, i -> ByteBuffer.allocate(1));
        MemorySegment[] segments = new MemorySegment[1025];
        Arrays.setAll(segments, i -> MemorySegment.ofArray(new byte[1]));

        assertThatThrownBy(() -> SendMsg.sendmsg(sender, buffers, List.of(), 0))
                .as("a gather of 1025 buffers").isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1024");
        assertThatThrownBy(() -> SendMsg.recvmsg(receiver, buffers, 0, 0))
                .as("a scatter into 1025 buffers").isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1024");
        assertThatThrownBy(() -> SendMsg.sendmsg(sender, segments, List.of(), 0, null))
                .as("a gather of 1025 segments").isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1024");
        assertThatThrownBy(() -> SendMsg.recvmsg(receiver, segments, 0, 0))
                .as("a scatter into 1025 segments").isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1024");
        assertThat(buffers[0].position()).as("no buffer moved").isZero();
        assertNothingQueued(receiver);
    }

    @Test
    void aNullBufferOrArrayIsRefusedWithNullPointerException() throws Exception {
        ByteBuffer[] withNull = {ByteBuffer.wrap(ascii("a")), null};
        MemorySegment[] segmentsWithNull = {MemorySegment.ofArray(ascii("a")), null};

        assertThatThrownBy(() -> SendMsg.sendmsg(sender, withNull, List.of(), 0))
                .as("a null buffer in a gather").isInstanceOf(NullPointerException.class).hasMessageContaining("buffers[1]");
        assertThatThrownBy(() -> SendMsg.recvmsg(receiver, withNull, 0, 0))
                .as("a null buffer in a scatter").isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> SendMsg.sendmsg(sender, segmentsWithNull, List.of(), 0, null))
                .as("a null segment in a gather").isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> SendMsg.recvmsg(receiver, segmentsWithNull, 0, 0))
                .as("a null segment in a scatter").isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> SendMsg.sendmsg(sender, (ByteBuffer[]) null, List.of(), 0))
                .as("a null buffer array").isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> SendMsg.sendmsg(sender, new ByteBuffer[] {ByteBuffer.allocate(1)}, null, 0))
                .as("a null ancillary list").isInstanceOf(NullPointerException.class);

        assertThat(withNull[0].position()).as("the buffer before the null did not move").isZero();
        assertNothingQueued(receiver);
    }

    @Test
    void aZeroByteGatherWithDescriptorsOnAStreamIsRefused() throws Exception {
        // edge case 14
        int[] fds = Fds.pipeReadEnds(1, toClose);
        ByteBuffer[] empty = {ByteBuffer.allocate(0), ByteBuffer.allocateDirect(4).position(4)};
        assertThatThrownBy(() -> SendMsg.sendmsg(sender, empty, List.of(ControlMessage.rights(fds)), 0))
                .as("descriptors with no byte to carry them on a stream")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one byte");
        assertNothingQueued(receiver);
    }
}
