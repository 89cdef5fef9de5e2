package io.github.sendmsg;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link MessageBatch}: many datagrams, each with its own descriptor, in one {@code sendmmsg} and one
 * {@code recvmmsg}; lengths and descriptors stay with their message and in order.
 */
@ExtendWith(NoFdLeaks.class)
class MessageBatchTest {

    private static final int COUNT = 16;

    private int sender;
    private int receiver;
    private Arena arena;
    private final List<Integer> toClose = new ArrayList<>();
    private final List<MessageBatch> batches = new ArrayList<>();

    @BeforeEach
    void connect() throws ErrnoException {
        int[] pair = Posix.socketpair(SendMsg.AF_UNIX, SendMsg.SOCK_DGRAM);
        sender = pair[0];
        receiver = pair[1];
        arena = Arena.ofShared();
    }

    @AfterEach
    void close() {
        batches.forEach(MessageBatch::close);
        arena.close();
        Fds.closeAll(sender, receiver);
        toClose.forEach(Fds::closeAll);
    }

    private MessageBatch batch(int count, int maxBuffers, int controlCapacity) {
        MessageBatch batch = MessageBatch.allocate(count, maxBuffers, controlCapacity);
        batches.add(batch);
        return batch;
    }

    /** Datagram {@code i}: {@code i + 1} bytes of the letter {@code 'a' + i}. */
    private static String payload(int i) {
        return String.valueOf((char) ('a' + i)).repeat(i + 1);
    }

    private void assertNothingQueued(int fd) {
        assertThatThrownBy(() -> SendMsg.recv1msg(fd, 1024, SendMsg.MSG_DONTWAIT))
                .as("nothing is queued on the socket")
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errnoName()).isEqualTo("EAGAIN"));
    }

    @Test
    void sixteenDatagramsEachWithItsOwnDescriptorGoOutInOneCallAndComeBackInOrder() throws Exception {
        int[] fds = Fds.pipeReadEnds(COUNT, toClose);
        MessageBatch out = batch(COUNT, 1, SendMsg.CMSG_SPACE(4));
        for (int i = 0; i < COUNT; i++) {
            out.message(i).setBuffer(arena.allocateFrom(ValueLayout.JAVA_BYTE, payload(i).getBytes(StandardCharsets.US_ASCII)))
                    .addRights(fds[i]);
        }
        MessageBatch in = batch(COUNT, 1, SendMsg.CMSG_SPACE(4 * 4));
        MemorySegment[] buffers = new MemorySegment[COUNT];
        for (int i = 0; i < COUNT; i++) {
            buffers[i] = arena.allocate(64);
            in.message(i).setBuffer(buffers[i]);
        }
        int before = Fds.openCount();

        int sent = out.send(sender, COUNT, 0);
        assertThat(sent).as("one sendmmsg sends all sixteen").isEqualTo(COUNT);
        for (int i = 0; i < COUNT; i++) {
            assertThat(out.length(i)).as("message %d's sent length", i).isEqualTo(i + 1);
        }

        int received = in.receive(receiver, COUNT, MessageBatch.MSG_WAITFORONE);
        List<Integer> copies = new ArrayList<>();
        try {
            for (int i = 0; i < received; i++) {
                for (int fd : in.message(i).fileDescriptors()) {
                    copies.add(fd);
                }
            }
            assertThat(received).as("every queued datagram comes back in one recvmmsg").isEqualTo(COUNT);
            assertThat(Fds.openCount()).as("one descriptor installed per datagram").isEqualTo(before + COUNT);
            for (int i = 0; i < COUNT; i++) {
                NativeMessage message = in.message(i);
                assertThat(in.length(i)).as("message %d's length", i).isEqualTo(i + 1);
                assertThat(new String(buffers[i].asSlice(0, in.length(i)).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.US_ASCII))
                        .as("message %d's bytes, in order", i).isEqualTo(payload(i));
                assertThat(message.fileDescriptorCount()).as("message %d carries exactly its own descriptor", i).isEqualTo(1);
                assertThat(Fds.target(message.fileDescriptor(0)))
                        .as("message %d's descriptor is pipe %d", i, i).isEqualTo(Fds.target(fds[i]));
                assertThat(Fds.isCloseOnExec(message.fileDescriptor(0))).as("close-on-exec").isTrue();
                assertThat(message.flags()).as("message %d has no flags (no stray MSG_CMSG_CLOEXEC)", i).isZero();
            }
        } finally {
            copies.forEach(Fds::closeAll);
        }
        assertThat(Fds.openCount()).as("the count is flat once the received descriptors are closed").isEqualTo(before);
        assertNothingQueued(receiver);
    }

    @Test
    void aBatchIsReusableAndMsgWaitforoneTakesOnlyWhatIsQueued() throws Exception {
        MessageBatch out = batch(4, 2, 0);
        for (int i = 0; i < 4; i++) {
            out.message(i).setBuffers(arena.allocateFrom(ValueLayout.JAVA_BYTE, (byte) ('0' + i)),
                    arena.allocateFrom(ValueLayout.JAVA_BYTE, (byte) '!'));
        }
        MessageBatch in = batch(8, 1, 0);
        MemorySegment[] buffers = new MemorySegment[8];
        for (int i = 0; i < 8; i++) {
            buffers[i] = arena.allocate(8);
            in.message(i).setBuffer(buffers[i]);
        }
        for (int round = 0; round < 3; round++) {
            assertThat(out.send(sender, 3, 0)).as("round %d: the first three messages go out", round).isEqualTo(3);
            int received = in.receive(receiver, 8, MessageBatch.MSG_WAITFORONE);
            assertThat(received).as("round %d: MSG_WAITFORONE returns the three queued, not waiting for eight", round)
                    .isEqualTo(3);
            for (int i = 0; i < 3; i++) {
                assertThat(in.length(i)).as("two buffers gathered into each datagram").isEqualTo(2);
                assertThat(new String(buffers[i].asSlice(0, 2).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.US_ASCII))
                        .isEqualTo((char) ('0' + i) + "!");
            }
        }
    }

    @Test
    void batchesCarryAddressesOnUnconnectedSockets() throws Exception {
        String to = "@sendmsg-test-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        String from = "@sendmsg-test-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        int receiving = Posix.socket(SendMsg.AF_UNIX, SendMsg.SOCK_DGRAM);
        toClose.add(receiving);
        Posix.bind(receiving, to);
        int sending = Posix.socket(SendMsg.AF_UNIX, SendMsg.SOCK_DGRAM);
        toClose.add(sending);
        Posix.bind(sending, from);
        MessageBatch out = batch(2, 1, 0);
        out.message(0).setBuffer(arena.allocateFrom(ValueLayout.JAVA_BYTE, (byte) 'x')).setAddress(to);
        out.message(1).setBuffer(arena.allocateFrom(ValueLayout.JAVA_BYTE, (byte) 'y')).setAddress(to);
        MessageBatch in = batch(2, 1, 0);
        in.message(0).setBuffer(arena.allocate(4));
        in.message(1).setBuffer(arena.allocate(4));

        assertThat(out.send(sending, 2, 0)).isEqualTo(2);
        assertThat(in.receive(receiving, 2, SendMsg.MSG_DONTWAIT)).isEqualTo(2);

        assertThat(in.message(0).address()).as("each received message reports the sender's name").isEqualTo(from);
        assertThat(in.message(1).address()).isEqualTo(from);
    }

    @Test
    void receivingWithMsgDontwaitOnAnEmptySocketFailsWithEagain() {
        // edge case 3
        MessageBatch in = batch(4, 1, SendMsg.CMSG_SPACE(4));
        for (int i = 0; i < 4; i++) {
            in.message(i).setBuffer(arena.allocate(8));
        }
        assertThatThrownBy(() -> in.receive(receiver, 4, SendMsg.MSG_DONTWAIT))
                .as("recvmmsg with nothing queued")
                .isInstanceOfSatisfying(ErrnoException.class, e -> {
                    assertThat(e.errnoName()).isEqualTo("EAGAIN");
                    assertThat(e.call()).as("the exception names the call").isEqualTo("recvmmsg");
                });
        assertThatThrownBy(() -> in.receive(receiver, 4, SendMsg.MSG_DONTWAIT | MessageBatch.MSG_WAITFORONE))
                .as("recvmmsg with MSG_WAITFORONE and nothing queued")
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errnoName()).isEqualTo("EAGAIN"));
    }

    @Test
    void aCountOutOfRangeIsRefusedBeforeAnySyscall() {
        MessageBatch batch = batch(4, 1, 0);
        for (int i = 0; i < 4; i++) {
            batch.message(i).setBuffer(arena.allocateFrom(ValueLayout.JAVA_BYTE, (byte) i));
        }
        for (int count : new int[] {0, -1, 5}) {
            assertThatThrownBy(() -> batch.send(sender, count, 0))
                    .as("sending %d messages from a batch of 4", count).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("count must be 1 to 4");
            assertThatThrownBy(() -> batch.receive(receiver, count, SendMsg.MSG_DONTWAIT))
                    .as("receiving %d messages into a batch of 4", count).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("count must be 1 to 4");
        }
        assertThatThrownBy(() -> batch.message(4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> batch.length(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertNothingQueued(receiver);
    }

    @Test
    void aBatchSizeOutOfRangeIsRefused() {
        assertThatThrownBy(() -> MessageBatch.allocate(0, 1, 0)).as("an empty batch").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageBatch.allocate(1025, 1, 0)).as("more than UIO_MAXIOV messages")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageBatch.allocate(1, 0, 0)).as("no buffers per message")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageBatch.allocate(1, 1, -1)).as("a negative control capacity")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aZeroByteMessageWithDescriptorsInABatchIsRefusedOnAStreamButSentOnADatagramSocket() throws Exception {
        // edge case 14
        int[] fds = Fds.pipeReadEnds(1, toClose);
        int[] stream = Posix.socketpair();
        toClose.add(stream[0]);
        toClose.add(stream[1]);
        MessageBatch batch = batch(2, 1, SendMsg.CMSG_SPACE(4));
        batch.message(0).setBuffer(arena.allocateFrom(ValueLayout.JAVA_BYTE, (byte) 1));
        batch.message(1).addRights(fds[0]);

        assertThatThrownBy(() -> batch.send(stream[0], 2, 0))
                .as("a message of only ancillary data on a stream").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one byte");
        assertNothingQueued(stream[1]);

        assertThat(batch.send(sender, 2, 0)).as("both go out on a datagram socket").isEqualTo(2);
        assertThat(SendMsg.recv1msg(receiver, 8).data()).isEqualTo(new byte[] {1});
        ReceivedMessage empty = SendMsg.recv1msg(receiver, 8);
        int[] copies = empty.fileDescriptors();
        try {
            assertThat(empty.data()).as("the zero-byte datagram").isEmpty();
            assertThat(Arrays.stream(copies).mapToObj(Fds::target).toList()).as("carries its descriptor")
                    .containsExactly(Fds.target(fds[0]));
        } finally {
            Fds.closeAll(copies);
        }
    }

    @Test
    void closeIsIdempotentAndAClosedBatchRefusesUse() {
        MessageBatch batch = MessageBatch.allocate(2, 1, 0);
        NativeMessage message = batch.message(0);
        batch.close();
        assertThatCode(batch::close).as("closing twice").doesNotThrowAnyException();
        assertThatCode(message::close).as("closing a batch's message does nothing").doesNotThrowAnyException();
        assertThatThrownBy(() -> batch.receive(receiver, 1, SendMsg.MSG_DONTWAIT))
                .as("a receive on a closed batch").isInstanceOf(IllegalStateException.class);
        assertNothingQueued(receiver);
    }
}
