package io.github.sendmsg;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link NativeMessage}: the reusable message. Bytes and descriptors round-trip, the send side and the
 * receive side stay apart, misuse fails before any system call, and nothing leaks across many reuses.
 */
@ExtendWith(NoFdLeaks.class)
class NativeMessageTest {

    private int sender;
    private int receiver;
    private Arena arena;
    private final List<Integer> toClose = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void connect() throws ErrnoException {
        int[] pair = Posix.socketpair();
        sender = pair[0];
        receiver = pair[1];
        arena = Arena.ofShared();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        arena.close();
        Fds.closeAll(sender, receiver);
        toClose.forEach(Fds::closeAll);
    }

    private NativeMessage message(int maxBuffers, int controlCapacity) {
        NativeMessage message = NativeMessage.allocate(maxBuffers, controlCapacity);
        closeables.add(message);
        return message;
    }

    private MemorySegment bytes(String s) {
        return arena.allocateFrom(ValueLayout.JAVA_BYTE, s.getBytes(StandardCharsets.US_ASCII));
    }

    private static String ascii(MemorySegment segment, long length) {
        return new String(segment.asSlice(0, length).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.US_ASCII);
    }

    private int[] pair(int type) throws ErrnoException {
        int[] pair = Posix.socketpair(SendMsg.AF_UNIX, type);
        toClose.add(pair[0]);
        toClose.add(pair[1]);
        return pair;
    }

    private int[] taken(NativeMessage message) {
        int[] fds = message.fileDescriptors();
        for (int fd : fds) {
            toClose.add(fd);
        }
        return fds;
    }

    private static List<String> targets(int... fds) {
        return Arrays.stream(fds).mapToObj(Fds::target).toList();
    }

    private void assertNothingQueued(int fd) {
        assertThatThrownBy(() -> SendMsg.recv1msg(fd, 1024, SendMsg.MSG_DONTWAIT))
                .as("nothing is queued on the socket")
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errnoName()).isEqualTo("EAGAIN"));
    }

    // --- round trips --------------------------------------------------------------------------

    @Test
    void bytesRoundTripBetweenTwoMessages() throws Exception {
        // edge case 1
        NativeMessage out = message(2, 0).setBuffers(bytes("Hello, "), bytes("world"));
        MemorySegment in = arena.allocate(64);
        NativeMessage back = message(1, SendMsg.CMSG_SPACE(16)).setBuffer(in);

        long sent = out.send(sender, 0);
        long received = back.receive(receiver, 0);

        assertThat(sent).as("both buffers go out whole").isEqualTo(12);
        assertThat(received).as("the receive reports every byte").isEqualTo(12);
        assertThat(ascii(in, received)).as("the buffers were gathered in order").isEqualTo("Hello, world");
        assertThat(back.flags()).as("no flags").isZero();
        assertThat(back.fileDescriptorCount()).as("no descriptors").isZero();
        assertThat(back.ancillary()).as("no ancillary data").isEmpty();
        assertThat(back.address()).as("a connected stream socket reports no sender address").isNull();
    }

    @Test
    void receiveScattersIntoSeveralNativeBuffersInOrder() throws Exception {
        SendMsg.send1msg(sender, "0123456789".getBytes(StandardCharsets.US_ASCII));
        MemorySegment first = arena.allocate(4);
        MemorySegment second = arena.allocate(16);
        NativeMessage message = message(2, 0).setBuffers(first, second);

        long received = message.receive(receiver, 0);

        assertThat(received).isEqualTo(10);
        assertThat(ascii(first, 4)).as("the first buffer is filled first").isEqualTo("0123");
        assertThat(ascii(second, 6)).as("the rest goes into the second").isEqualTo("456789");
    }

    @Test
    void descriptorsRoundTripWhicheverWayTheyAreAdded() throws Exception {
        int[] fds = Fds.pipeReadEnds(4, toClose);
        int before = Fds.openCount();
        NativeMessage out = message(1, SendMsg.CMSG_SPACE(4) * 2 + SendMsg.CMSG_SPACE(8))
                .setBuffer(bytes("x"))
                .addRights(fds[0])                                   // addRights(int)
                .addRights(fds[1], fds[2])                           // addRights(int...)
                .add(ControlMessage.rights(fds[3]));                 // add(ControlMessage)
        NativeMessage in = message(1, SendMsg.CMSG_SPACE(4 * 16)).setBuffer(arena.allocate(8));

        out.send(sender, 0);
        in.receive(receiver, 0);
        int[] copies = taken(in);

        assertThat(copies).as("all four descriptors arrive").hasSize(4);
        assertThat(in.fileDescriptorCount()).isEqualTo(4);
        assertThat(targets(copies)).as("in the order they were added, across the three control messages")
                .isEqualTo(targets(fds));
        assertThat(in.isControlTruncated()).isFalse();
        assertThat(Fds.openCount()).as("exactly four descriptors were installed").isEqualTo(before + 4);
        for (int copy : copies) {
            Posix.close(copy);
        }
        toClose.removeAll(Arrays.stream(copies).boxed().toList());
        assertThat(Fds.openCount()).as("closing the copies brings the count back").isEqualTo(before);
    }

    @Test
    void ownCredentialsAddedAsAncillaryArriveWithTheDescriptors() throws Exception {
        // edge cases 20, 21
        Credentials own = SendMsg.getPeerCredentials(receiver);
        assertThat(own.pid()).as("a socketpair's peer is this process").isEqualTo((int) ProcessHandle.current().pid());
        SendMsg.setPassCredentials(receiver, true);
        int[] fds = Fds.pipeReadEnds(1, toClose);
        NativeMessage out = message(1, SendMsg.CMSG_SPACE(Credentials.SIZE) + SendMsg.CMSG_SPACE(4))
                .setBuffer(bytes("c"))
                .add(own)
                .addRights(fds[0]);
        NativeMessage in = message(1, SendMsg.CMSG_SPACE(Credentials.SIZE) + SendMsg.CMSG_SPACE(4 * 4))
                .setBuffer(arena.allocate(8));

        out.send(sender, 0);
        in.receive(receiver, 0);
        int[] copies = taken(in);

        List<Ancillary> typed = in.ancillary().stream().map(Ancillary::decode).toList();
        assertThat(typed).as("the credentials come first, then the descriptor").hasSize(2);
        assertThat(typed.get(0)).as("the receiver sees the sender's credentials").isEqualTo(own);
        assertThat(typed.get(1)).isInstanceOf(Ancillary.Rights.class);
        assertThat(copies).hasSize(1);
        assertThat(Fds.target(copies[0])).isEqualTo(Fds.target(fds[0]));
    }

    @Test
    void aReusedMessageSendsAndReceivesAThousandTimesWithoutLeaking() throws Exception {
        int[] fds = Fds.pipeReadEnds(1, toClose);
        String target = Fds.target(fds[0]);
        MemorySegment outBuffer = bytes("ping");
        MemorySegment inBuffer = arena.allocate(16);
        NativeMessage out = message(1, SendMsg.CMSG_SPACE(4)).setBuffer(outBuffer).addRights(fds[0]);
        NativeMessage in = message(1, SendMsg.CMSG_SPACE(4 * 4)).setBuffer(inBuffer);
        int before = Fds.openCount();

        for (int i = 0; i < 1000; i++) {
            assertThat(out.send(sender, 0)).isEqualTo(4);
            long received = in.receive(receiver, 0);
            if (received != 4 || in.fileDescriptorCount() != 1) {
                throw new AssertionError("iteration " + i + ": " + received + " bytes, "
                        + in.fileDescriptorCount() + " descriptors");
            }
            int copy = in.fileDescriptor(0);
            try {
                if (!Fds.isOpen(copy) || (i % 100 == 0 && !Fds.target(copy).equals(target))) {
                    throw new AssertionError("iteration " + i + ": descriptor " + copy + " is not the sent pipe");
                }
            } finally {
                Posix.close(copy);
            }
            if (i % 100 == 99) {
                assertThat(Fds.openCount()).as("the descriptor count is flat after %d iterations", i + 1).isEqualTo(before);
            }
        }
        assertThat(Fds.openCount()).as("the descriptor count is flat after 1000 reuses").isEqualTo(before);
        assertThat(ascii(inBuffer, 4)).isEqualTo("ping");
    }

    /**
     * The promise of a reusable message: once warm, a send-receive-close loop with a descriptor
     * allocates nothing on the heap. JMH's {@code -prof gc} gives the figure (docs/benchmarks.md);
     * this guards it in every build, counting the bytes this thread allocates over rounds of 10,000
     * round trips. Until the JIT has compiled the loop, the interpreter allocates, so the test waits
     * for a round that allocates less than one byte per round trip; code that allocated on every
     * call would never produce one.
     */
    @Test
    void aWarmSendReceiveLoopWithADescriptorAllocatesNoHeapMemory() throws Exception {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        int[] fds = Fds.pipeReadEnds(1, toClose);
        NativeMessage out = message(1, SendMsg.CMSG_SPACE(4)).setBuffer(bytes("ping")).addRights(fds[0]);
        NativeMessage in = message(1, SendMsg.CMSG_SPACE(4)).setBuffer(arena.allocate(4));
        int before = Fds.openCount();
        int roundTrips = 10_000;
        List<Long> allocatedPerRound = new ArrayList<>();
        for (int round = 0; round < 60; round++) {
            long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
            long received = 0;
            for (int i = 0; i < roundTrips; i++) {
                received += roundTripOneDescriptor(out, in);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
            assertThat(received).as("bytes received in round %d", round).isEqualTo(4L * roundTrips);
            allocatedPerRound.add(allocated);
            if (allocated < roundTrips) {
                break;
            }
        }

        assertThat(allocatedPerRound.getLast())
                .as("heap bytes allocated by %,d warm round trips, in each round: %s", roundTrips, allocatedPerRound)
                .isLessThan(roundTrips);
        assertThat(Fds.openCount()).isEqualTo(before);
    }

    private long roundTripOneDescriptor(NativeMessage out, NativeMessage in) throws ErrnoException {
        long sent = out.send(sender, 0);
        long received = in.receive(receiver, 0);
        if (sent != 4 || received != 4 || in.fileDescriptorCount() != 1) {
            throw new AssertionError(sent + " bytes sent, " + received + " received, "
                    + in.fileDescriptorCount() + " descriptors");
        }
        Posix.close(in.fileDescriptor(0));
        return received;
    }

    @Test
    void aReceiveNeverChangesWhatTheNextSendSends() throws Exception {
        int[] fds = Fds.pipeReadEnds(3, toClose);
        MemorySegment buffer = arena.allocate(8);
        NativeMessage shared = message(1, SendMsg.CMSG_SPACE(4 * 4)).setBuffer(buffer);

        // Descriptors come in on the shared message...
        SendMsg.send1msg(sender, "in".getBytes(StandardCharsets.US_ASCII), 0, List.of(ControlMessage.rights(fds[0], fds[1])));
        assertThat(shared.receive(receiver, 0)).isEqualTo(2);
        int[] received = taken(shared);
        assertThat(received).hasSize(2);

        // ...and the same message sends back: nothing was added, so nothing but bytes goes out.
        assertThat(shared.send(receiver, 0)).as("the buffer is sent back").isEqualTo(8);
        ReceivedMessage echoed = SendMsg.recv1msg(sender, 64);
        assertThat(echoed.data()).hasSize(8);
        assertThat(echoed.ancillary()).as("the peer gets no descriptors: received control data is never sent")
                .isEmpty();

        // With one descriptor added, exactly that one goes out, not the received ones.
        shared.addRights(fds[2]);
        SendMsg.send1msg(sender, "again".getBytes(StandardCharsets.US_ASCII), 0, List.of(ControlMessage.rights(fds[0])));
        shared.receive(receiver, 0);
        taken(shared);
        shared.send(receiver, 0);
        ReceivedMessage second = SendMsg.recv1msg(sender, 64);
        int[] secondFds = second.fileDescriptors();
        toClose.addAll(Arrays.stream(secondFds).boxed().toList());
        assertThat(targets(secondFds)).as("only the added descriptor is sent").isEqualTo(targets(fds[2]));
    }

    // edge case 7
    @Test
    void moreThanLinuxAllowsInOneMessageIsRefusedWhenAddedHoweverTheyAreSplit() throws Exception {
        int[] fds = Fds.pipeReadEnds(1, toClose);
        NativeMessage out = message(1, 254 * SendMsg.CMSG_SPACE(4)).setBuffer(bytes("x"));
        for (int i = 0; i < SendMsg.SCM_MAX_FD; i++) {
            out.addRights(fds[0]);
        }
        assertThatThrownBy(() -> out.addRights(fds[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 253");
        assertThatThrownBy(() -> out.add(ControlMessage.rights(fds[0], fds[0]))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 253");

        out.clearControl().addRights(fds[0], fds[0]);
        assertThat(out.send(sender, 0)).as("after clearControl the count starts again").isEqualTo(1);
        NativeMessage in = message(1, SendMsg.CMSG_SPACE(8)).setBuffer(arena.allocate(1));
        in.receive(receiver, 0);
        assertThat(in.fileDescriptorCount()).isEqualTo(2);
        Fds.closeAll(in.fileDescriptor(0), in.fileDescriptor(1));
    }

    @Test
    void clearControlRemovesEveryAddedMessage() throws Exception {
        int[] fds = Fds.pipeReadEnds(2, toClose);
        NativeMessage out = message(1, SendMsg.CMSG_SPACE(8)).setBuffer(bytes("y")).addRights(fds);
        out.clearControl();

        out.send(sender, 0);
        ReceivedMessage message = SendMsg.recv1msg(receiver, 64);

        assertThat(message.data()).isEqualTo("y".getBytes(StandardCharsets.US_ASCII));
        assertThat(message.ancillary()).as("no control data after clearControl").isEmpty();
        assertThatCode(() -> out.addRights(fds)).as("the whole buffer is free again").doesNotThrowAnyException();
    }

    // --- refusals -----------------------------------------------------------------------------

    @Test
    void aHeapSegmentIsRefusedWithAClearMessage() {
        NativeMessage message = message(2, 0);
        MemorySegment heap = MemorySegment.ofArray(new byte[4]);
        assertThatThrownBy(() -> message.setBuffer(heap))
                .as("a heap segment cannot be a NativeMessage buffer")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("native memory");
        assertThatThrownBy(() -> message.setBuffers(arena.allocate(1), heap))
                .as("not even among native ones").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("heap segment");
    }

    @Test
    void tooManyBuffersOrABadIndexAreRefused() {
        NativeMessage message = message(2, 0);
        assertThatThrownBy(() -> message.setBuffers(arena.allocate(1), arena.allocate(1), arena.allocate(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 2");
        assertThatThrownBy(() -> message.setBuffer(2, arena.allocate(1))).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> NativeMessage.allocate(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NativeMessage.allocate(1025, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NativeMessage.allocate(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBufferIndexLeftUnsetIsReportedAsMisuseNotAsAnInternalNullPointer() throws Exception {
        // setBuffer(1, …) on a fresh message makes bufferCount() 2 with buffer 0 never set. Whatever the
        // library decides (refuse the gap, or refuse the send naming the unset buffer), the caller must
        // not get a NullPointerException from inside the library, which send() does not document.
        NativeMessage message = message(2, 0);
        assertThatThrownBy(() -> {
            message.setBuffer(1, bytes("x"));
            message.send(sender, 0);
        }).as("a send with buffer 0 never set fails as documented misuse")
                .isInstanceOfAny(IllegalArgumentException.class, IllegalStateException.class, IndexOutOfBoundsException.class);
        assertNothingQueued(receiver);
    }

    @Test
    void aFullControlBufferIsRefused() throws Exception {
        int[] fds = Fds.pipeReadEnds(3, toClose);
        NativeMessage message = message(1, SendMsg.CMSG_SPACE(4)).addRights(fds[0]);
        assertThatThrownBy(() -> message.addRights(fds[1]))
                .as("a second SCM_RIGHTS message does not fit in CMSG_SPACE(4)")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control buffer holds 24 bytes");
        assertThatCode(() -> message(1, SendMsg.CMSG_SPACE(4)).addRights(fds[0], fds[1]))
                .as("two descriptors in one message fit in CMSG_SPACE(4): on LP64 CMSG_SPACE(8) is 24 too")
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> message(1, SendMsg.CMSG_SPACE(4)).addRights(fds))
                .as("three descriptors do not fit in CMSG_SPACE(4)").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> message(1, 0).addRights(fds[0]))
                .as("a message without a control buffer takes no control data")
                .isInstanceOf(IllegalArgumentException.class);

        message.setBuffer(bytes("z")).send(sender, 0);
        int[] copies = SendMsg.recv1msg(receiver, 64).fileDescriptors();
        toClose.addAll(Arrays.stream(copies).boxed().toList());
        assertThat(targets(copies)).as("the refused add left the first one in place").isEqualTo(targets(fds[0]));
    }

    @Test
    void aBufferWhoseArenaIsClosedIsRefusedBeforeTheSyscall() throws Exception {
        SendMsg.send1msg(sender, "kept".getBytes(StandardCharsets.US_ASCII));
        NativeMessage message = message(1, 0);
        Arena shortLived = Arena.ofConfined();
        message.setBuffer(shortLived.allocate(16));
        shortLived.close();

        assertThatThrownBy(() -> message.receive(receiver, 0))
                .as("receiving into freed memory").isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("buffer 0");
        assertThatThrownBy(() -> message.send(sender, 0))
                .as("sending from freed memory").isInstanceOf(IllegalStateException.class);

        assertThat(new String(SendMsg.recv1msg(receiver, 64).data(), StandardCharsets.US_ASCII))
                .as("the refused receive took nothing off the socket").isEqualTo("kept");
        assertNothingQueued(receiver);
    }

    @Test
    void aClosedMessageRefusesEveryUseAndClosingAgainDoesNothing() throws Exception {
        int[] fds = Fds.pipeReadEnds(1, toClose);
        MemorySegment buffer = bytes("gone");
        NativeMessage message = NativeMessage.allocate(1, SendMsg.CMSG_SPACE(4));
        message.setBuffer(buffer);
        message.close();

        assertThatThrownBy(() -> message.send(sender, 0)).as("send after close").isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> message.receive(receiver, SendMsg.MSG_DONTWAIT))
                .as("receive after close").isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> message.addRights(fds[0])).as("addRights after close").isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> message.setBuffer(buffer)).as("setBuffer after close").isInstanceOf(IllegalStateException.class);
        assertThatCode(message::close).as("close is idempotent").doesNotThrowAnyException();
        assertNothingQueued(receiver);
    }

    @Test
    void closingWhileAnotherThreadIsInsideReceiveFailsInsteadOfFreeingMemoryInUse() throws Exception {
        NativeMessage message = message(1, SendMsg.CMSG_SPACE(4)).setBuffer(arena.allocate(16));
        CompletableFuture<Long> receiving = new CompletableFuture<>();
        Thread thread = Thread.ofPlatform().name("blocked-receive").start(() -> {
            try {
                receiving.complete(message.receive(receiver, 0));
            } catch (Throwable e) {
                receiving.completeExceptionally(e);
            }
        });
        try {
            awaitInsideRecvmsg(thread);
            assertThatThrownBy(message::close)
                    .as("close while the receive is blocked in the kernel").isInstanceOf(IllegalStateException.class);
        } finally {
            SendMsg.send1msg(sender, "wake".getBytes(StandardCharsets.US_ASCII));
            thread.join(10_000);
        }
        assertThat(receiving.get(10, TimeUnit.SECONDS)).as("the receive completes normally once data arrives")
                .isEqualTo(4);
        assertThatCode(message::close).as("once the call is over, close frees the message").doesNotThrowAnyException();
    }

    /** Waits until {@code thread} is inside the recvmsg downcall. */
    private static void awaitInsideRecvmsg(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Arrays.stream(thread.getStackTrace()).noneMatch(frame -> frame.getMethodName().startsWith("recvmsg0"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the receiving thread never reached recvmsg");
            }
            Thread.sleep(5);
        }
        Thread.sleep(50);   // from the Java frame into the kernel
    }

    @Test
    void aMessageWithoutControlBufferReceivesNoDescriptorsAndLeaksNone() throws Exception {
        // edge cases 10, 12: with no control buffer the kernel closes every descriptor and sets MSG_CTRUNC
        int[] fds = Fds.pipeReadEnds(2, toClose);
        NativeMessage in = message(1, 0).setBuffer(arena.allocate(8));
        SendMsg.send1msg(sender, "nofd".getBytes(StandardCharsets.US_ASCII), 0, List.of(ControlMessage.rights(fds)));
        int before = Fds.openCount();

        assertThat(in.receive(receiver, 0)).as("the data arrives").isEqualTo(4);

        assertThat(in.fileDescriptorCount()).as("no descriptor could be returned").isZero();
        assertThat(in.isControlTruncated()).as("MSG_CTRUNC says descriptors were lost").isTrue();
        assertThat(Fds.openCount()).as("none was installed").isEqualTo(before);
    }

    @Test
    void aZeroByteStreamSendWithOnlyAncillaryDataIsRefused() throws Exception {
        // edge case 14
        int[] fds = Fds.pipeReadEnds(1, toClose);
        NativeMessage noBuffers = message(1, SendMsg.CMSG_SPACE(4)).addRights(fds[0]);
        NativeMessage emptyBuffer = message(1, SendMsg.CMSG_SPACE(4)).setBuffer(arena.allocate(0)).addRights(fds[0]);

        assertThatThrownBy(() -> noBuffers.send(sender, 0))
                .as("descriptors with no buffer on a stream").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one byte");
        assertThatThrownBy(() -> emptyBuffer.send(sender, 0))
                .as("descriptors with an empty buffer on a stream").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one byte");
        assertNothingQueued(receiver);
    }

    @ParameterizedTest(name = "socket type {0}")
    @ValueSource(ints = {2 /* SOCK_DGRAM */, 5 /* SOCK_SEQPACKET */})
    void aZeroByteRecordWithOnlyAncillaryDataIsDelivered(int type) throws Exception {
        // edge case 14
        assertThat(type).isIn(SendMsg.SOCK_DGRAM, SendMsg.SOCK_SEQPACKET);
        int[] pair = pair(type);
        int[] fds = Fds.pipeReadEnds(1, toClose);
        NativeMessage out = message(1, SendMsg.CMSG_SPACE(4)).addRights(fds[0]);
        NativeMessage in = message(1, SendMsg.CMSG_SPACE(4 * 4)).setBuffer(arena.allocate(8));

        assertThat(out.send(pair[0], 0)).as("zero bytes go out").isZero();
        assertThat(in.receive(pair[1], SendMsg.MSG_DONTWAIT)).as("a zero-byte record arrives").isZero();
        int[] copies = taken(in);

        assertThat(targets(copies)).as("with its descriptor").isEqualTo(targets(fds));
    }

    // --- the receive side ---------------------------------------------------------------------

    @Test
    void aControlBufferOfCmsgSpace4KeepsTwoOfThreeDescriptorsAndReportsTruncation() throws Exception {
        // edge cases 10, 11, 12: CMSG_SPACE(4) = 24 = CMSG_LEN(8), so two descriptors fit.
        int[] fds = Fds.pipeReadEnds(3, toClose);
        NativeMessage in = message(1, SendMsg.CMSG_SPACE(4)).setBuffer(arena.allocate(8));
        SendMsg.send1msg(sender, "abc".getBytes(StandardCharsets.US_ASCII), 0, List.of(ControlMessage.rights(fds)));
        int before = Fds.openCount();

        long received = in.receive(receiver, 0);
        int[] copies = taken(in);

        assertThat(received).as("the data arrives intact").isEqualTo(3);
        assertThat(in.isControlTruncated()).as("MSG_CTRUNC is reported").isTrue();
        assertThat(in.flags() & SendMsg.MSG_CTRUNC).isEqualTo(SendMsg.MSG_CTRUNC);
        assertThat(in.fileDescriptorCount()).as("the two that fit are returned").isEqualTo(2);
        assertThat(targets(copies)).as("they are the first two sent").isEqualTo(targets(fds[0], fds[1]));
        assertThat(Fds.openCount()).as("the kernel closed the third: only two were installed").isEqualTo(before + 2);
        assertThatThrownBy(() -> in.fileDescriptor(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void receivedDescriptorsAreCloseOnExecWithoutTheFlagShowing() throws Exception {
        // edge case 19
        int[] fds = Fds.pipeReadEnds(1, toClose);
        NativeMessage in = message(1, SendMsg.CMSG_SPACE(4)).setBuffer(arena.allocate(8));
        SendMsg.send1msg(sender, "e".getBytes(StandardCharsets.US_ASCII), 0, List.of(ControlMessage.rights(fds)));

        in.receive(receiver, 0);
        int[] copies = taken(in);

        assertThat(copies).hasSize(1);
        assertThat(Fds.isCloseOnExec(copies[0])).as("FD_CLOEXEC is set on the received descriptor").isTrue();
        assertThat(in.flags()).as("MSG_CMSG_CLOEXEC, added by the library, is not shown in flags()").isZero();
        assertThat(in.flags() & SendMsg.MSG_CMSG_CLOEXEC).isZero();
    }

    @Test
    void endOfStreamReceivesZeroBytes() throws Exception {
        // edge case 26
        NativeMessage in = message(1, SendMsg.CMSG_SPACE(4)).setBuffer(arena.allocate(8));
        Posix.close(sender);
        assertThat(in.receive(receiver, 0)).as("end of stream").isZero();
        assertThat(in.fileDescriptorCount()).isZero();
    }

    @Test
    void aClosedPeerGivesEpipeNotASignal() throws Exception {
        // edge case 26
        NativeMessage out = message(1, 0).setBuffer(bytes("p"));
        Posix.close(receiver);
        assertThatThrownBy(() -> out.send(sender, 0)).isInstanceOfSatisfying(ErrnoException.class,
                e -> assertThat(e.errnoName()).as("a send to a closed peer fails with EPIPE").isEqualTo("EPIPE"));
    }

    // --- addresses ----------------------------------------------------------------------------

    private int datagramSocket(String address) throws ErrnoException {
        int fd = Posix.socket(SendMsg.AF_UNIX, SendMsg.SOCK_DGRAM);
        toClose.add(fd);
        if (address != null) {
            Posix.bind(fd, address);
        }
        return fd;
    }

    private static String abstractName() {
        return "@sendmsg-test-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    private void assertAddressRoundTrip(String receiverAddress, String senderAddress) throws Exception {
        int to = datagramSocket(receiverAddress);
        int from = datagramSocket(senderAddress);
        int[] fds = Fds.pipeReadEnds(1, toClose);
        NativeMessage out = message(1, SendMsg.CMSG_SPACE(4)).setBuffer(bytes("to you")).addRights(fds[0])
                .setAddress(receiverAddress);
        MemorySegment buffer = arena.allocate(32);
        NativeMessage in = message(1, SendMsg.CMSG_SPACE(4)).setBuffer(buffer);

        assertThat(out.send(from, 0)).as("the datagram goes to the address set").isEqualTo(6);
        long received = in.receive(to, SendMsg.MSG_DONTWAIT);
        int[] copies = taken(in);

        assertThat(ascii(buffer, received)).isEqualTo("to you");
        assertThat(targets(copies)).as("the descriptor goes along").isEqualTo(targets(fds));
        assertThat(in.address()).as("address() reports the sender's bound name").isEqualTo(senderAddress);
    }

    @Test
    void anAddressedDatagramToAPathReportsTheSendersPath(@TempDir Path directory) throws Exception {
        assertAddressRoundTrip(directory.resolve("to.sock").toString(), directory.resolve("from.sock").toString());
    }

    @Test
    void anAddressedDatagramToAnAbstractNameReportsTheSendersName() throws Exception {
        assertAddressRoundTrip(abstractName(), abstractName());
    }

    @Test
    void anUnnamedSenderHasNoAddress() throws Exception {
        String to = abstractName();
        int receiverFd = datagramSocket(to);
        int unnamed = datagramSocket(null);
        NativeMessage out = message(1, 0).setBuffer(bytes("anon")).setAddress(to);
        NativeMessage in = message(1, 0).setBuffer(arena.allocate(8));

        out.send(unnamed, 0);
        in.receive(receiverFd, SendMsg.MSG_DONTWAIT);

        // Linux reports msg_namelen 0 for a datagram from an unbound socket (Python's recvmsg gives
        // None), so the library has no name to decode: null, not "" (see the report on ReceiveResult).
        assertThat(in.address()).as("a datagram from an unbound socket carries no sender address").isNull();
    }

    @Test
    void setAddressNullSendsToTheConnectedPeerAgain() throws Exception {
        int[] pair = pair(SendMsg.SOCK_DGRAM);
        NativeMessage out = message(1, 0).setBuffer(bytes("peer")).setAddress(abstractName()).setAddress(null);
        assertThat(out.send(pair[0], 0)).isEqualTo(4);
        assertThat(SendMsg.recv1msg(pair[1], 16, SendMsg.MSG_DONTWAIT).data())
                .as("with the address cleared the datagram goes to the connected peer")
                .isEqualTo("peer".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void anAddressThatCannotBeAnAfUnixAddressIsRefused() {
        NativeMessage message = message(1, 0);
        assertThatThrownBy(() -> message.setAddress("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> message.setAddress("x".repeat(200))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> message.setAddress("a\0b")).isInstanceOf(IllegalArgumentException.class);
    }
}
