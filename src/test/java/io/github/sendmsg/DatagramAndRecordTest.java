package io.github.sendmsg;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Record sockets ({@code SOCK_DGRAM}, {@code SOCK_SEQPACKET}) and the receive flags: {@code MSG_TRUNC}
 * still delivers the descriptors (edge case 17), each {@code MSG_PEEK} installs new copies (edge case 18),
 * zero-byte records carry descriptors (edge case 14), {@code MSG_DONTWAIT} gives {@code EAGAIN} (edge case 3),
 * {@code MSG_WAITALL} waits for the whole count, and unconnected datagram sockets send to addresses and
 * learn the sender's.
 */
@ExtendWith(NoFdLeaks.class)
class DatagramAndRecordTest {

    private final List<Integer> toClose = new ArrayList<>();

    @AfterEach
    void close() {
        toClose.forEach(Fds::closeAll);
    }

    static Stream<Arguments> recordTypes() {
        return Stream.of(Arguments.of("SOCK_DGRAM", SendMsg.SOCK_DGRAM), Arguments.of("SOCK_SEQPACKET", SendMsg.SOCK_SEQPACKET));
    }

    static Stream<Arguments> allTypes() {
        return Stream.concat(Stream.of(Arguments.of("SOCK_STREAM", SendMsg.SOCK_STREAM)), recordTypes());
    }

    private int[] pair(int type) throws ErrnoException {
        int[] pair = Posix.socketpair(SendMsg.AF_UNIX, type);
        toClose.add(pair[0]);
        toClose.add(pair[1]);
        return pair;
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

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String abstractName() {
        return "@sendmsg-test-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    private static void assertErrno(ThrowingCall call, String what, String... names) {
        assertThatThrownBy(call::run).as(what)
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errnoName()).isIn((Object[]) names));
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }

    // --- MSG_TRUNC ----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordTypes")
    void aRecordCutToFitReportsMsgTruncAndStillDeliversItsDescriptors(String name, int type) throws Exception {
        // edge case 17
        int[] pair = pair(type);
        int[] fds = Fds.pipeReadEnds(2, toClose);
        int before = Fds.openCount();
        SendMsg.send1msg(pair[0], ascii("0123456789"), 0, List.of(ControlMessage.rights(fds)));

        ReceivedMessage message = SendMsg.recv1msg(pair[1], 4);
        int[] copies = keep(message.fileDescriptors());

        assertThat(message.data()).as("only the first 4 bytes fit").isEqualTo(ascii("0123"));
        assertThat(message.isTruncated()).as("MSG_TRUNC is reported on a %s", name).isTrue();
        assertThat(message.isControlTruncated()).as("the control data was not cut").isFalse();
        assertThat(targets(copies)).as("the descriptors still arrive with the cut record").isEqualTo(targets(fds));
        assertThat(Fds.openCount()).as("exactly the two copies were installed").isEqualTo(before + 2);
        assertErrno(() -> SendMsg.recv1msg(pair[1], 16, SendMsg.MSG_DONTWAIT),
                "the rest of a cut record is discarded, not left queued", "EAGAIN");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordTypes")
    void askingForMsgTruncReportsTheRecordsFullLengthWhileFillingOnlyTheBuffers(String name, int type) throws Exception {
        // edge case 17, scatter form
        int[] pair = pair(type);
        int[] fds = Fds.pipeReadEnds(1, toClose);
        SendMsg.send1msg(pair[0], ascii("0123456789"), 0, List.of(ControlMessage.rights(fds)));
        ByteBuffer first = ByteBuffer.allocate(2);
        ByteBuffer second = ByteBuffer.allocateDirect(3);

        ReceiveResult result = SendMsg.recvmsg(pair[1], new ByteBuffer[] {first, second}, 16, SendMsg.MSG_TRUNC);
        keep(result.fileDescriptors());

        assertThat(result.bytes()).as("with MSG_TRUNC asked for, the full length of the %s record", name).isEqualTo(10);
        assertThat(result.isTruncated()).isTrue();
        assertThat(first.position() + second.position()).as("the buffers took only what they hold").isEqualTo(5);
        byte[] tail = new byte[3];
        second.get(0, tail);
        assertThat(new String(first.array(), StandardCharsets.US_ASCII) + new String(tail, StandardCharsets.US_ASCII))
                .isEqualTo("01234");
        assertThat(result.fileDescriptors()).as("the descriptor arrives").hasSize(1);
    }

    @Test
    void aStreamNeverReportsMsgTrunc() throws Exception {
        int[] pair = pair(SendMsg.SOCK_STREAM);
        SendMsg.send1msg(pair[0], ascii("0123456789"));
        ReceivedMessage first = SendMsg.recv1msg(pair[1], 4);
        assertThat(first.isTruncated()).as("a stream read of part of the bytes is not a truncation").isFalse();
        assertThat(SendMsg.recv1msg(pair[1], 16).data()).as("the rest stays queued").isEqualTo(ascii("456789"));
    }

    // --- MSG_PEEK -----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("allTypes")
    void eachPeekInstallsNewCopiesOfTheDescriptors(String name, int type) throws Exception {
        // edge case 18
        int[] pair = pair(type);
        int[] fds = Fds.pipeReadEnds(1, toClose);
        int before = Fds.openCount();
        SendMsg.send1msg(pair[0], ascii("peek"), 0, List.of(ControlMessage.rights(fds)));

        ReceivedMessage firstPeek = SendMsg.recv1msg(pair[1], 16, SendMsg.MSG_PEEK);
        int[] first = keep(firstPeek.fileDescriptors());
        int[] second = keep(SendMsg.recv1msg(pair[1], 16, SendMsg.MSG_PEEK).fileDescriptors());
        assertThat(Fds.openCount()).as("two peeks on a %s installed two copies", name).isEqualTo(before + 2);
        ReceivedMessage taken = SendMsg.recv1msg(pair[1], 16);
        int[] third = keep(taken.fileDescriptors());

        assertThat(firstPeek.data()).as("a peek sees the data").isEqualTo(ascii("peek"));
        assertThat(taken.data()).as("and leaves it queued for the real receive").isEqualTo(ascii("peek"));
        assertThat(new int[] {first[0], second[0], third[0]}).as("each receive installed its own copy")
                .doesNotHaveDuplicates();
        assertThat(targets(first[0], second[0], third[0])).as("all copies are of the sent pipe")
                .containsOnly(Fds.target(fds[0]));
        assertThat(Fds.openCount()).as("three copies in all, each the caller's to close").isEqualTo(before + 3);
        for (int fd : new int[] {first[0], second[0], third[0]}) {
            Posix.close(fd);
            toClose.remove(Integer.valueOf(fd));
        }
        assertThat(Fds.openCount()).as("closing every copy brings the count back").isEqualTo(before);
    }

    // --- zero-byte records --------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordTypes")
    void aZeroByteRecordDeliversItsDescriptors(String name, int type) throws Exception {
        // edge case 14
        int[] pair = pair(type);
        int[] fds = Fds.pipeReadEnds(2, toClose);
        assertThat(SendMsg.send1msg(pair[0], new byte[0], 0, List.of(ControlMessage.rights(fds))))
                .as("a %s takes a zero-byte record", name).isZero();
        ReceivedMessage message = SendMsg.recv1msg(pair[1], 16, SendMsg.MSG_DONTWAIT);
        assertThat(message.data()).isEmpty();
        assertThat(targets(keep(message.fileDescriptors()))).as("with its descriptors").isEqualTo(targets(fds));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordTypes")
    void recordsKeepTheirBoundariesAndTheirOwnDescriptors(String name, int type) throws Exception {
        int[] pair = pair(type);
        int[] fds = Fds.pipeReadEnds(2, toClose);
        SendMsg.send1msg(pair[0], ascii("one"), 0, List.of(ControlMessage.rights(fds[0])));
        SendMsg.send1msg(pair[0], ascii("plain"));
        SendMsg.send1msg(pair[0], ascii("two"), 0, List.of(ControlMessage.rights(fds[1])));

        ReceivedMessage one = SendMsg.recv1msg(pair[1], 64);
        ReceivedMessage plain = SendMsg.recv1msg(pair[1], 64);
        ReceivedMessage two = SendMsg.recv1msg(pair[1], 64);

        assertThat(one.data()).as("a %s never glues records", name).isEqualTo(ascii("one"));
        assertThat(targets(keep(one.fileDescriptors()))).isEqualTo(targets(fds[0]));
        assertThat(plain.data()).isEqualTo(ascii("plain"));
        assertThat(plain.ancillary()).isEmpty();
        assertThat(two.data()).isEqualTo(ascii("two"));
        assertThat(targets(keep(two.fileDescriptors()))).isEqualTo(targets(fds[1]));
    }

    // --- MSG_DONTWAIT and MSG_WAITALL ---------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("allTypes")
    void msgDontwaitOnAnEmptySocketFailsWithEagain(String name, int type) throws Exception {
        // edge case 3
        int[] pair = pair(type);
        assertErrno(() -> SendMsg.recv1msg(pair[1], 16, SendMsg.MSG_DONTWAIT),
                "recv1msg with MSG_DONTWAIT on an empty " + name, "EAGAIN");
        assertErrno(() -> SendMsg.recvmsg(pair[1], new ByteBuffer[] {ByteBuffer.allocate(4)}, 0, SendMsg.MSG_DONTWAIT),
                "a scatter receive with MSG_DONTWAIT on an empty " + name, "EAGAIN");
        try (Arena arena = Arena.ofConfined()) {
            assertErrno(() -> SendMsg.recvmsg(pair[1], new MemorySegment[] {arena.allocate(4)}, 0, SendMsg.MSG_DONTWAIT),
                    "a segment receive with MSG_DONTWAIT on an empty " + name, "EAGAIN");
        }
    }

    @Test
    void msgDontwaitOnAFullSocketFailsWithEagain() throws Exception {
        // edge case 3
        int[] pair = pair(SendMsg.SOCK_STREAM);
        byte[] chunk = new byte[64 * 1024];
        assertThatThrownBy(() -> {
            for (int i = 0; i < 10_000; i++) {
                SendMsg.send1msg(pair[0], chunk, SendMsg.MSG_DONTWAIT);
            }
        }).as("sends with MSG_DONTWAIT eventually fill the socket")
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errnoName()).isEqualTo("EAGAIN"));
    }

    @Test
    void msgWaitallOnAStreamWaitsForEveryByteRequested() throws Exception {
        int[] pair = pair(SendMsg.SOCK_STREAM);
        CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
            try {
                SendMsg.send1msg(pair[0], ascii("first half|"));
                Thread.sleep(200);
                SendMsg.send1msg(pair[0], ascii("second half"));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        try {
            long start = System.nanoTime();
            ReceivedMessage message = SendMsg.recv1msg(pair[1], 22, SendMsg.MSG_WAITALL);
            long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(new String(message.data(), StandardCharsets.US_ASCII))
                    .as("one receive returns both parts").isEqualTo("first half|second half");
            assertThat(waitedMillis).as("it waited for the delayed second part").isGreaterThanOrEqualTo(150);
        } finally {
            sender.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void withoutMsgWaitallAStreamReceiveReturnsWhatIsThere() throws Exception {
        int[] pair = pair(SendMsg.SOCK_STREAM);
        SendMsg.send1msg(pair[0], ascii("part"));
        assertThat(SendMsg.recv1msg(pair[1], 22).data()).as("a plain receive does not wait for more")
                .isEqualTo(ascii("part"));
    }

    // --- unconnected datagram sockets with addresses ------------------------------------------

    private int boundDatagramSocket(String address) throws ErrnoException {
        int fd = Posix.socket(SendMsg.AF_UNIX, SendMsg.SOCK_DGRAM);
        toClose.add(fd);
        Posix.bind(fd, address);
        return fd;
    }

    private void assertAddressedDatagramArrivesWithSendersAddress(String receiverAddress, String senderAddress)
            throws Exception {
        int receiver = boundDatagramSocket(receiverAddress);
        int sender = boundDatagramSocket(senderAddress);
        int[] fds = Fds.pipeReadEnds(2, toClose);
        int before = Fds.openCount();
        ByteBuffer[] parts = {ByteBuffer.wrap(ascii("hello, ")), ByteBuffer.allocateDirect(8).put(ascii("datagram")).flip()};

        long sent = SendMsg.sendmsg(sender, parts, List.of(ControlMessage.rights(fds)), 0, receiverAddress);
        ByteBuffer into = ByteBuffer.allocate(64);
        ReceiveResult result = SendMsg.recvmsg(receiver, new ByteBuffer[] {into}, 64, SendMsg.MSG_DONTWAIT);
        int[] copies = keep(result.fileDescriptors());

        assertThat(sent).isEqualTo(15);
        assertThat(result.bytes()).isEqualTo(15);
        assertThat(new String(into.array(), 0, into.position(), StandardCharsets.US_ASCII))
                .as("the datagram reaches the address it was sent to").isEqualTo("hello, datagram");
        assertThat(targets(copies)).as("with its descriptors").isEqualTo(targets(fds));
        assertThat(result.address()).as("address() is the sender's bound address").isEqualTo(senderAddress);
        assertThat(Fds.openCount()).isEqualTo(before + 2);
    }

    @Test
    void aDatagramSentToAPathArrivesWithTheSendersPath(@TempDir Path directory) throws Exception {
        assertAddressedDatagramArrivesWithSendersAddress(directory.resolve("receiver.sock").toString(),
                directory.resolve("sender.sock").toString());
    }

    @Test
    void aDatagramSentToAnAbstractNameArrivesWithTheSendersName() throws Exception {
        assertAddressedDatagramArrivesWithSendersAddress(abstractName(), abstractName());
    }

    @Test
    void segmentsSentToAnAddressArriveWithTheSendersAddress(@TempDir Path directory) throws Exception {
        String receiverAddress = directory.resolve("r.sock").toString();
        String senderAddress = abstractName();
        int receiver = boundDatagramSocket(receiverAddress);
        int sender = boundDatagramSocket(senderAddress);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment[] parts = {arena.allocateFrom(ValueLayout.JAVA_BYTE, ascii("seg")), MemorySegment.ofArray(ascii("ments"))};
            assertThat(SendMsg.sendmsg(sender, parts, List.of(), 0, receiverAddress)).isEqualTo(8);
            MemorySegment into = arena.allocate(16);
            ReceiveResult result = SendMsg.recvmsg(receiver, new MemorySegment[] {into}, 0, SendMsg.MSG_DONTWAIT);
            assertThat(new String(into.asSlice(0, result.bytes()).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.US_ASCII))
                    .isEqualTo("segments");
            assertThat(result.address()).as("a path receiver learns an abstract sender's name").isEqualTo(senderAddress);
        }
    }

    @Test
    void aZeroByteDatagramWithDescriptorsMayGoToAnAddress() throws Exception {
        // edge case 14: the "at least one byte" rule is for streams only
        String receiverAddress = abstractName();
        int receiver = boundDatagramSocket(receiverAddress);
        int sender = boundDatagramSocket(abstractName());
        int[] fds = Fds.pipeReadEnds(1, toClose);
        assertThat(SendMsg.sendmsg(sender, new ByteBuffer[0], List.of(ControlMessage.rights(fds)), 0, receiverAddress))
                .isZero();
        ReceivedMessage message = SendMsg.recv1msg(receiver, 16, SendMsg.MSG_DONTWAIT);
        assertThat(message.data()).isEmpty();
        assertThat(targets(keep(message.fileDescriptors()))).isEqualTo(targets(fds));
    }

    @Test
    void sendingToAPathWhereNoSocketIsBoundFails(@TempDir Path directory) throws Exception {
        int sender = Posix.socket(SendMsg.AF_UNIX, SendMsg.SOCK_DGRAM);
        toClose.add(sender);
        String nowhere = directory.resolve("nobody-here.sock").toString();
        assertErrno(() -> SendMsg.sendmsg(sender, new ByteBuffer[] {ByteBuffer.wrap(ascii("?"))}, List.of(), 0, nowhere),
                "a send to a path that does not exist", "ENOENT", "ECONNREFUSED");
    }

    @Test
    void sendingToThePathOfAClosedSocketIsRefused(@TempDir Path directory) throws Exception {
        String stale = directory.resolve("closed.sock").toString();
        int gone = Posix.socket(SendMsg.AF_UNIX, SendMsg.SOCK_DGRAM);
        try {
            Posix.bind(gone, stale);
        } finally {
            Posix.close(gone);
        }
        int sender = Posix.socket(SendMsg.AF_UNIX, SendMsg.SOCK_DGRAM);
        toClose.add(sender);
        assertErrno(() -> SendMsg.sendmsg(sender, new ByteBuffer[] {ByteBuffer.wrap(ascii("?"))}, List.of(), 0, stale),
                "a send to the leftover path of a closed socket", "ECONNREFUSED");
    }

    @Test
    void sendingToAnAbstractNameNobodyHoldsIsRefused() throws Exception {
        int sender = Posix.socket(SendMsg.AF_UNIX, SendMsg.SOCK_DGRAM);
        toClose.add(sender);
        assertErrno(() -> SendMsg.sendmsg(sender, new ByteBuffer[] {ByteBuffer.wrap(ascii("?"))}, List.of(), 0, abstractName()),
                "a send to a free abstract name", "ECONNREFUSED", "ENOENT");
    }

    @Test
    void aDatagramWithNoAddressOnAnUnconnectedSocketFails() throws Exception {
        int sender = Posix.socket(SendMsg.AF_UNIX, SendMsg.SOCK_DGRAM);
        toClose.add(sender);
        assertErrno(() -> SendMsg.send1msg(sender, ascii("?")), "a send with neither peer nor address",
                "ENOTCONN", "EDESTADDRREQ");
    }
}
