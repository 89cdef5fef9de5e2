package io.github.sendmsg;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Frames}: on a stream the kernel glues descriptor-less bytes in front of the chunk that
 * carries descriptors, and leftovers onto the next chunk (edge case 15), so a reader of "what is
 * there" cannot tell which bytes descriptors belong to. Frames keep each frame's descriptors with it,
 * send them once even if a send is split (edge case 16), and close them when a frame cannot be returned.
 */
@ExtendWith(NoFdLeaks.class)
class FramesTest {

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

    private int[] keep(int[] received) {
        for (int fd : received) {
            toClose.add(fd);
        }
        return received;
    }

    private static List<String> targets(int... fds) {
        return Arrays.stream(fds).mapToObj(Fds::target).toList();
    }

    /** Closes the sending end now (the receiver then sees end of stream). */
    private void closeSender() throws ErrnoException {
        Posix.close(sender);
        sender = Integer.MAX_VALUE;   // closeAll in @AfterEach ignores a descriptor that is not open
    }

    @Test
    void withPassCredentialsOnTheEndOfTheStreamBetweenFramesIsStillACleanEnd() throws Exception {
        // Linux attaches credentials even to the end-of-stream read when SO_PASSCRED is on.
        SendMsg.setPassCredentials(receiver, true);
        Frames.send(sender, ascii("last"), List.of());
        closeSender();

        ReceivedMessage last = Frames.receive(receiver, 1024);
        assertThat(ascii(last.data())).isEqualTo("last");
        assertThat(Frames.receive(receiver, 1024)).as("a clean end of stream, not an EOFException").isNull();
    }

    // --- what the kernel does on a raw stream -------------------------------------------------

    @Test
    void onARawStreamEarlierBytesGlueOntoTheChunkThatCarriesDescriptors() throws Exception {
        // edge case 15: "1111", "A"+fd, "2222" read back as "1111A"+fd, then "2222".
        int[] fds = Fds.pipeReadEnds(1, toClose);
        SendMsg.send1msg(sender, ascii("1111"));
        SendMsg.send1msg(sender, ascii("A"), 0, List.of(ControlMessage.rights(fds)));
        SendMsg.send1msg(sender, ascii("2222"));

        ReceivedMessage first = SendMsg.recv1msg(receiver, 1024);
        int[] copies = keep(first.fileDescriptors());
        ReceivedMessage second = SendMsg.recv1msg(receiver, 1024);

        assertThat(ascii(first.data())).as("the descriptor-less bytes glue in front; the read stops after the fd chunk")
                .isEqualTo("1111A");
        assertThat(targets(copies)).as("the descriptor comes with the glued read").isEqualTo(targets(fds));
        assertThat(ascii(second.data())).as("the bytes after the fd chunk come next, alone").isEqualTo("2222");
        assertThat(second.ancillary()).isEmpty();
    }

    @Test
    void onARawStreamTheLeftoverOfAPartlyReadChunkGluesOntoTheNextDescriptorChunk() throws Exception {
        // edge case 15: "BBBB"+fd1, "CC"+fd2 read with 2 then 20 bytes give "BB"+fd1, then "BBCC"+fd2.
        int[] fds = Fds.pipeReadEnds(2, toClose);
        SendMsg.send1msg(sender, ascii("BBBB"), 0, List.of(ControlMessage.rights(fds[0])));
        SendMsg.send1msg(sender, ascii("CC"), 0, List.of(ControlMessage.rights(fds[1])));

        ReceivedMessage first = SendMsg.recv1msg(receiver, 2);
        ReceivedMessage second = SendMsg.recv1msg(receiver, 20);

        assertThat(ascii(first.data())).isEqualTo("BB");
        assertThat(targets(keep(first.fileDescriptors()))).as("the first read takes fd1").isEqualTo(targets(fds[0]));
        assertThat(ascii(second.data())).as("fd1's leftover bytes glue onto fd2's chunk").isEqualTo("BBCC");
        assertThat(targets(keep(second.fileDescriptors()))).as("which reads as if fd2 went with \"BBCC\"")
                .isEqualTo(targets(fds[1]));
    }

    // --- frames -------------------------------------------------------------------------------

    @Test
    void framesSentBackToBackKeepTheirOwnDescriptors() throws Exception {
        // edge case 15, solved
        int[] fds = Fds.pipeReadEnds(3, toClose);
        int before = Fds.openCount();
        Frames.send(sender, ascii("no descriptors"), List.of());
        Frames.send(sender, ascii("one"), List.of(ControlMessage.rights(fds[0])));
        Frames.send(sender, ascii("two of them"), List.of(ControlMessage.rights(fds[1], fds[2])));
        Frames.send(sender, ascii("none again"), List.of());

        ReceivedMessage first = Frames.receive(receiver, 1024);
        ReceivedMessage second = Frames.receive(receiver, 1024);
        ReceivedMessage third = Frames.receive(receiver, 1024);
        ReceivedMessage fourth = Frames.receive(receiver, 1024);
        int[] secondFds = keep(second.fileDescriptors());
        int[] thirdFds = keep(third.fileDescriptors());

        assertThat(ascii(first.data())).isEqualTo("no descriptors");
        assertThat(first.ancillary()).as("the first frame gets none of the next frame's descriptors").isEmpty();
        assertThat(ascii(second.data())).isEqualTo("one");
        assertThat(targets(secondFds)).as("the second frame gets exactly its one descriptor").isEqualTo(targets(fds[0]));
        assertThat(ascii(third.data())).isEqualTo("two of them");
        assertThat(targets(thirdFds)).as("the third frame gets exactly its two, in order")
                .isEqualTo(targets(fds[1], fds[2]));
        assertThat(ascii(fourth.data())).isEqualTo("none again");
        assertThat(fourth.ancillary()).as("nothing leaks into a later frame").isEmpty();
        assertThat(Fds.openCount()).as("exactly three descriptors were installed").isEqualTo(before + 3);
        for (ReceivedMessage frame : List.of(first, second, third, fourth)) {
            assertThat(frame.isControlTruncated()).isFalse();
        }
    }

    @Test
    void anEmptyFrameCarriesItsDescriptor() throws Exception {
        int[] fds = Fds.pipeReadEnds(1, toClose);
        Frames.send(sender, new byte[0], List.of(ControlMessage.rights(fds)));
        Frames.send(sender, ascii("next"), List.of());

        ReceivedMessage empty = Frames.receive(receiver, 16);
        ReceivedMessage next = Frames.receive(receiver, 16);

        assertThat(empty.data()).as("the empty payload").isEmpty();
        assertThat(targets(keep(empty.fileDescriptors()))).as("the length prefix carried the descriptor")
                .isEqualTo(targets(fds));
        assertThat(ascii(next.data())).isEqualTo("next");
        assertThat(next.ancillary()).isEmpty();
    }

    @Test
    void endOfStreamBetweenFramesGivesNull() throws Exception {
        Frames.send(sender, ascii("last"), List.of());
        closeSender();

        assertThat(ascii(Frames.receive(receiver, 16).data())).isEqualTo("last");
        assertThat(Frames.receive(receiver, 16)).as("end of stream between frames").isNull();
        assertThat(Frames.receive(receiver, 16)).as("and again").isNull();
    }

    @Test
    void endOfStreamInsideAFramesPayloadThrowsEofAndClosesTheFramesDescriptors() throws Exception {
        int[] fds = Fds.pipeReadEnds(2, toClose);
        // A header promising 10 bytes, then only 3, with the frame's descriptors on the first byte.
        ByteBuffer[] partial = {ByteBuffer.allocate(4).putInt(0, 10), ByteBuffer.wrap(ascii("abc"))};
        SendMsg.sendmsg(sender, partial, List.of(ControlMessage.rights(fds)), 0);
        closeSender();
        int before = Fds.openCount();

        assertThatThrownBy(() -> Frames.receive(receiver, 1024))
                .as("the stream ends 3 bytes into a 10-byte payload").isInstanceOf(EOFException.class);
        assertThat(Fds.openCount()).as("the two descriptors received for the frame were closed").isEqualTo(before);
    }

    @Test
    void endOfStreamInsideTheLengthPrefixThrowsEofAndClosesTheDescriptors() throws Exception {
        int[] fds = Fds.pipeReadEnds(1, toClose);
        SendMsg.send1msg(sender, new byte[] {0, 0}, 0, List.of(ControlMessage.rights(fds)));
        closeSender();
        int before = Fds.openCount();

        assertThatThrownBy(() -> Frames.receive(receiver, 1024))
                .as("the stream ends 2 bytes into the 4-byte prefix").isInstanceOf(EOFException.class);
        assertThat(Fds.openCount()).as("the descriptor received with the half prefix was closed").isEqualTo(before);
    }

    @Test
    void aFrameLongerThanMaxPayloadIsRefusedAndItsDescriptorsClosed() throws Exception {
        int[] fds = Fds.pipeReadEnds(2, toClose);
        Frames.send(sender, new byte[100], List.of(ControlMessage.rights(fds)));
        int before = Fds.openCount();

        assertThatThrownBy(() -> Frames.receive(receiver, 99))
                .as("a 100-byte frame with maxPayload 99")
                .isInstanceOf(IOException.class).isNotInstanceOf(EOFException.class)
                .hasMessageContaining("100 bytes").hasMessageContaining("maxPayload 99");
        assertThat(Fds.openCount()).as("the frame's descriptors were closed, not leaked").isEqualTo(before);
    }

    @Test
    void aLengthPrefixAboveIntMaxIsRefused() throws Exception {
        SendMsg.send1msg(sender, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        assertThatThrownBy(() -> Frames.receive(receiver, Integer.MAX_VALUE))
                .as("a prefix of 0xFFFFFFFF").isInstanceOf(IOException.class).hasMessageContaining("4294967295");
    }

    @Test
    void aFourMebibyteFrameSentFromAnotherThreadArrivesWholeWithItsDescriptorOnce() throws Exception {
        // edge case 16: the frame takes many kernel chunks; its descriptor must go out once, with the first.
        int[] fds = Fds.pipeReadEnds(1, toClose);
        byte[] payload = new byte[4 << 20];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 7 + (i >>> 16));
        }
        int before = Fds.openCount();
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            try {
                Frames.send(sender, payload, List.of(ControlMessage.rights(fds)));
                Frames.send(sender, ascii("after"), List.of());
            } catch (ErrnoException e) {
                throw new RuntimeException(e);
            }
        });
        ReceivedMessage big;
        ReceivedMessage after;
        try {
            big = Frames.receive(receiver, 8 << 20);
            after = Frames.receive(receiver, 16);
        } catch (Throwable failure) {
            Fds.closeAll(receiver);   // unblocks the sender (EPIPE) so the failure is reported, not a hang
            throw failure;
        }
        sending.get(30, TimeUnit.SECONDS);
        int[] copies = keep(big.fileDescriptors());

        assertThat(big.data().length).as("the whole 4 MiB payload").isEqualTo(payload.length);
        assertThat(Arrays.equals(big.data(), payload)).as("byte for byte").isTrue();
        assertThat(targets(copies)).as("exactly one descriptor: sent once, with the first byte").isEqualTo(targets(fds));
        assertThat(Fds.openCount()).isEqualTo(before + 1);
        assertThat(ascii(after.data())).as("the stream is still in step after the large frame").isEqualTo("after");
        assertThat(after.ancillary()).isEmpty();
    }

    @Test
    void wrongArgumentsAreRefused() {
        assertThatThrownBy(() -> Frames.send(sender, null, List.of())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Frames.send(sender, new byte[1], null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Frames.receive(-1, 16)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Frames.receive(receiver, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
