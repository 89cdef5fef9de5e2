package io.github.sendmsg;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Memory the kernel would read or fill through an {@code iovec} is refused, before any system call,
 * whenever FFM itself would refuse to touch it from the calling thread: confined to another thread
 * (whose owner may close it while the kernel writes), or read-only for a receive. And a reusable message
 * forgets the buffers it was told to replace. (Issue "Hardening", faults 1, 3 and 6.)
 */
@ExtendWith(NoFdLeaks.class)
class ForeignMemoryTest {

    private int sender;
    private int receiver;
    private final CountDownLatch ownerMayLeave = new CountDownLatch(1);
    /** What the owner thread read from its memory just before closing the arena. */
    private final CompletableFuture<byte[]> ownerSaw = new CompletableFuture<>();

    @BeforeEach
    void connect() throws ErrnoException {
        int[] pair = Posix.socketpair(SendMsg.AF_UNIX, SendMsg.SOCK_DGRAM);
        sender = pair[0];
        receiver = pair[1];
    }

    @AfterEach
    void close() {
        ownerMayLeave.countDown();
        Fds.closeAll(sender, receiver);
    }

    /** 16 bytes of a confined arena that belongs to a thread which keeps it open until the test ends. */
    private MemorySegment confinedToAnotherThread() throws Exception {
        CompletableFuture<MemorySegment> segment = new CompletableFuture<>();
        Thread owner = Thread.ofPlatform().daemon().start(() -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment mine = arena.allocateFrom(ValueLayout.JAVA_BYTE, "owner's memory!!".getBytes(StandardCharsets.US_ASCII));
                segment.complete(mine);
                ownerMayLeave.await(30, TimeUnit.SECONDS);
                ownerSaw.complete(mine.toArray(ValueLayout.JAVA_BYTE));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(owner.isAlive()).isTrue();
        return segment.get(10, TimeUnit.SECONDS);
    }

    private void assertRefusedAsFfmWould(String what, Executable call) {
        assertThatThrownBy(call::execute).as(what)
                .isInstanceOf(WrongThreadException.class)
                .hasMessageContaining("confined to another thread");
    }

    private void assertNothingQueued() {
        assertThatThrownBy(() -> SendMsg.recv1msg(receiver, 64, SendMsg.MSG_DONTWAIT))
                .as("nothing reached the socket").isInstanceOf(ErrnoException.class).hasMessageContaining("EAGAIN");
    }

    @Test
    void aSegmentConfinedToAnotherThreadIsRefusedOnEveryPathThatFillsAnIovec() throws Exception {
        MemorySegment foreign = confinedToAnotherThread();
        ByteBuffer foreignBuffer = foreign.asByteBuffer();
        MemorySegment[] segments = {foreign};
        SendMsg.send1msg(sender, "queued".getBytes(StandardCharsets.US_ASCII));

        assertRefusedAsFfmWould("gather of segments", () -> SendMsg.sendmsg(sender, segments, List.of(), 0));
        assertRefusedAsFfmWould("gather to an address", () -> SendMsg.sendto(sender, segments, List.of(), 0, null));
        assertRefusedAsFfmWould("scatter into segments", () -> SendMsg.recvmsg(receiver, segments, 0, 0));
        assertRefusedAsFfmWould("gather of a direct buffer of that memory",
                () -> SendMsg.sendmsg(sender, new ByteBuffer[] {foreignBuffer}, List.of(), 0));
        assertRefusedAsFfmWould("scatter into a direct buffer of that memory",
                () -> SendMsg.recvmsg(receiver, new ByteBuffer[] {foreignBuffer}, 0, 0));
        try (NativeMessage message = NativeMessage.allocate(1, 0).setBuffer(foreign)) {
            assertRefusedAsFfmWould("NativeMessage.send", () -> message.send(sender, 0));
            assertRefusedAsFfmWould("NativeMessage.receive", () -> message.receive(receiver, 0));
        }
        try (MessageBatch batch = MessageBatch.allocate(2, 1, 0)) {
            batch.message(0).setBuffer(foreign);
            assertRefusedAsFfmWould("MessageBatch.send", () -> batch.send(sender, 1, 0));
            assertRefusedAsFfmWould("MessageBatch.receive", () -> batch.receive(receiver, 1, SendMsg.MSG_DONTWAIT));
        }

        ownerMayLeave.countDown();
        assertThat(ownerSaw.get(10, TimeUnit.SECONDS)).as("the owner's memory, untouched")
                .isEqualTo("owner's memory!!".getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(SendMsg.recv1msg(receiver, 64).data(), StandardCharsets.US_ASCII))
                .as("the refused receives took nothing off the socket").isEqualTo("queued");
        assertNothingQueued();
    }

    @Test
    void memoryOfThisThreadsOwnConfinedArenaIsUsedAsBefore() throws Exception {
        try (Arena arena = Arena.ofConfined(); NativeMessage message = NativeMessage.allocate(1, 0)) {
            MemorySegment mine = arena.allocateFrom(ValueLayout.JAVA_BYTE, "mine".getBytes(StandardCharsets.US_ASCII));
            assertThat(message.setBuffer(mine).send(sender, 0)).isEqualTo(4);
            assertThat(SendMsg.recvmsg(receiver, new MemorySegment[] {arena.allocate(4)}, 0, 0).bytes()).isEqualTo(4);
        }
    }

    @Test
    void aNativeMessageRefusesToReceiveIntoReadOnlyMemoryButSendsFromIt() throws Exception {
        try (Arena arena = Arena.ofConfined(); NativeMessage message = NativeMessage.allocate(1, 0)) {
            MemorySegment original = arena.allocateFrom(ValueLayout.JAVA_BYTE, "keep".getBytes(StandardCharsets.US_ASCII));
            MemorySegment readOnly = original.asReadOnly();
            SendMsg.send1msg(sender, "XXXX".getBytes(StandardCharsets.US_ASCII));

            assertThatThrownBy(() -> message.setBuffer(readOnly).receive(receiver, 0))
                    .as("a receive into a read-only view").isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("read-only");
            assertThat(original.toArray(ValueLayout.JAVA_BYTE)).as("the memory behind the view")
                    .isEqualTo("keep".getBytes(StandardCharsets.US_ASCII));
            assertThat(SendMsg.recv1msg(receiver, 64).data()).as("the datagram is still there, not lost")
                    .isEqualTo("XXXX".getBytes(StandardCharsets.US_ASCII));

            assertThat(message.send(sender, 0)).as("sending from the read-only view").isEqualTo(4);
            assertThat(SendMsg.recv1msg(receiver, 64).data()).isEqualTo("keep".getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void aMessageBatchRefusesToReceiveIntoReadOnlyMemory() throws Exception {
        try (Arena arena = Arena.ofConfined(); MessageBatch batch = MessageBatch.allocate(2, 1, 0)) {
            batch.message(0).setBuffer(arena.allocate(8));
            batch.message(1).setBuffer(arena.allocate(8).asReadOnly());
            SendMsg.send1msg(sender, "one".getBytes(StandardCharsets.US_ASCII));
            SendMsg.send1msg(sender, "two".getBytes(StandardCharsets.US_ASCII));
            assertThatThrownBy(() -> batch.receive(receiver, 2, SendMsg.MSG_DONTWAIT))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("buffer 0 of this message is a read-only");
            assertThat(SendMsg.recv1msg(receiver, 8).data()).as("both datagrams still queued")
                    .isEqualTo("one".getBytes(StandardCharsets.US_ASCII));
            assertThat(SendMsg.recv1msg(receiver, 8).data()).isEqualTo("two".getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void settingTheOnlyBufferForgetsEveryBufferSetBefore() throws Exception {
        try (Arena arena = Arena.ofConfined(); NativeMessage message = NativeMessage.allocate(3, 0)) {
            MemorySegment a = arena.allocateFrom(ValueLayout.JAVA_BYTE, (byte) 'a');
            MemorySegment b = arena.allocateFrom(ValueLayout.JAVA_BYTE, (byte) 'b');
            MemorySegment c = arena.allocateFrom(ValueLayout.JAVA_BYTE, (byte) 'c');
            MemorySegment x = arena.allocateFrom(ValueLayout.JAVA_BYTE, (byte) 'x');
            MemorySegment y = arena.allocateFrom(ValueLayout.JAVA_BYTE, (byte) 'y');

            message.setBuffers(a, b, c).setBuffer(x).setBuffer(2, y);

            assertThat(message.bufferCount()).isEqualTo(3);
            assertThatThrownBy(() -> message.send(sender, 0)).as("buffer 1 was forgotten with b")
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("buffer 1 of this message is not set");
            assertThatThrownBy(() -> message.receive(receiver, SendMsg.MSG_DONTWAIT)).as("nor may a receive write into b")
                    .isInstanceOf(IllegalStateException.class);
            assertNothingQueued();

            message.setBuffer(1, b);
            assertThat(message.send(sender, 0)).isEqualTo(3);
            assertThat(new String(SendMsg.recv1msg(receiver, 8).data(), StandardCharsets.US_ASCII)).isEqualTo("xby");
        }
    }

    @Test
    void settingSeveralBuffersForgetsTheOnesBeyondThem() throws Exception {
        try (Arena arena = Arena.ofConfined(); NativeMessage message = NativeMessage.allocate(3, 0)) {
            MemorySegment[] three = {arena.allocateFrom(ValueLayout.JAVA_BYTE, (byte) '1'),
                    arena.allocateFrom(ValueLayout.JAVA_BYTE, (byte) '2'), arena.allocateFrom(ValueLayout.JAVA_BYTE, (byte) '3')};
            message.setBuffers(three).setBuffers(three[0]);
            assertThat(message.bufferCount()).isEqualTo(1);
            message.setBuffer(2, three[2]);
            assertThatThrownBy(() -> message.send(sender, 0)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("buffer 1");
            assertNothingQueued();
        }
    }
}
