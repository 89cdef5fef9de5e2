package io.github.sendmsg;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Passing descriptors with {@code SCM_RIGHTS}: the cases of CPython's {@code SCMRightsTest}, plus the
 * library's promises (nothing leaked, close-on-exec, no stray flags). Every test counts
 * {@code /proc/self/fd} before and after ({@link NoFdLeaks}).
 */
@ExtendWith(NoFdLeaks.class)
class ScmRightsTest {

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

    private int[] received(ReceivedMessage message) {
        int[] fds = message.fileDescriptors();
        for (int fd : fds) {
            toClose.add(fd);
        }
        return fds;
    }

    private static void assertSameFiles(int[] received, int[] sent) {
        assertThat(Arrays.stream(received).filter(fd -> Arrays.stream(sent).anyMatch(s -> s == fd)).toArray())
                .as("received descriptors are new numbers").isEmpty();
        assertThat(Arrays.stream(received).mapToObj(Fds::target).toList())
                .as("received descriptors refer to the sent files, in order")
                .isEqualTo(Arrays.stream(sent).mapToObj(Fds::target).toList());
    }

    // edge case 5: a new number, the same open file, a shared offset
    @Test
    void oneDescriptorArrivesAsANewNumberForTheSameOpenFile() throws Exception {
        int[] pipe = Posix.pipe();
        toClose.add(pipe[0]);
        toClose.add(pipe[1]);
        SendMsg.send1msg(sender, new byte[] {0}, 0, List.of(ControlMessage.rights(pipe[0])));

        ReceivedMessage message = SendMsg.recv1msg(receiver, 1024);
        int[] fds = received(message);

        assertThat(message.data()).isEqualTo(new byte[] {0});
        assertThat(message.flags()).as("flags, with no stray MSG_CMSG_CLOEXEC").isZero();
        assertThat(fds).hasSize(1);
        assertSameFiles(fds, new int[] {pipe[0]});
        Posix.write(pipe[1], "Hello, world".getBytes());
        assertThat(new String(Posix.read(pipe[0], 6), StandardCharsets.US_ASCII)).isEqualTo("Hello,");
        assertThat(new String(Posix.read(fds[0], 6), StandardCharsets.US_ASCII))
                .as("the copy reads on from where the original stopped").isEqualTo(" world");
    }

    // edge case 19
    @Test
    void receivedDescriptorsAreCloseOnExec() throws Exception {
        int[] fds = Fds.pipeReadEnds(1, toClose);
        SendMsg.send1msg(sender, new byte[] {0}, 0, List.of(ControlMessage.rights(fds)));
        int[] copies = received(SendMsg.recv1msg(receiver));
        assertThat(Fds.isCloseOnExec(copies[0])).as("FD_CLOEXEC on the received descriptor").isTrue();
    }

    @Test
    void askingForCloseOnExecShowsTheFlagOnlyThen() throws Exception {
        SendMsg.send1msg(sender, new byte[] {0}, 0, List.of(ControlMessage.rights(Fds.pipeReadEnds(1, toClose))));
        ReceivedMessage message = SendMsg.recv1msg(receiver, 1024, SendMsg.MSG_CMSG_CLOEXEC);
        received(message);
        assertThat(message.flags() & ~SendMsg.MSG_CMSG_CLOEXEC).as("no other flag").isZero();
    }

    // edge case 6
    @Test
    void severalDescriptorsInOneMessageArriveInOrder() throws Exception {
        int[] fds = Fds.pipeReadEnds(4, toClose);
        SendMsg.send1msg(sender, "x".getBytes(), 0, List.of(ControlMessage.rights(fds)));
        ReceivedMessage message = SendMsg.recv1msg(receiver);
        assertThat(message.ancillary()).hasSize(1);
        assertSameFiles(received(message), fds);
        assertThat(message.flags()).isZero();
    }

    // edge case 6: split across two messages, which may merge
    @Test
    void twoMessagesOfOneDescriptorEachArriveInOrder() throws Exception {
        int[] fds = Fds.pipeReadEnds(2, toClose);
        SendMsg.send1msg(sender, "x".getBytes(), 0,
                List.of(ControlMessage.rights(fds[0]), ControlMessage.rights(fds[1])));
        ReceivedMessage message = SendMsg.recv1msg(receiver);
        assertThat(message.ancillary()).as("the kernel may merge them").hasSizeBetween(1, 2);
        assertSameFiles(received(message), fds);
        assertThat(message.flags()).isZero();
    }

    @Test
    void aBufferOfExactlyCmsgSpaceHoldsEveryDescriptorWithoutTruncation() throws Exception {
        int[] fds = Fds.pipeReadEnds(4, toClose);
        SendMsg.send1msg(sender, "x".getBytes(), 0, List.of(ControlMessage.rights(fds)));
        // recv1msg's cmsgSize is the data size: the buffer is CMSG_SPACE(cmsgSize).
        ReceivedMessage message = SendMsg.recv1msg(receiver, 1024, 0, 16);
        assertSameFiles(received(message), fds);
        assertThat(message.isControlTruncated()).isFalse();
    }

    // edge case 7: 253 descriptors succeed
    @Test
    void theMostDescriptorsLinuxAllowsArriveTogether() throws Exception {
        int devNull = openDevNull();
        int[] fds = new int[SendMsg.SCM_MAX_FD];
        Arrays.fill(fds, devNull);
        SendMsg.send1msg(sender, "x".getBytes(), 0, List.of(ControlMessage.rights(fds)));
        ReceivedMessage message = SendMsg.recv1msg(receiver);
        int[] copies = received(message);
        assertThat(copies).as("253 copies").hasSize(SendMsg.SCM_MAX_FD).doesNotHaveDuplicates();
        assertThat(message.isControlTruncated()).isFalse();
    }

    private int openDevNull() throws ErrnoException {
        // A socket is the simplest descriptor Posix makes that is not a pair; any open file will do.
        int fd = Posix.socket(SendMsg.AF_UNIX, SendMsg.SOCK_DGRAM);
        toClose.add(fd);
        return fd;
    }

    // edge case 7: 254, or 400 split, refused (the kernel would say EINVAL)
    @Test
    void moreDescriptorsThanLinuxAllowsAreRefusedBeforeAnySyscall() throws Exception {
        int one = openDevNull();
        int[] fds = new int[SendMsg.SCM_MAX_FD + 1];
        Arrays.fill(fds, one);
        assertThatThrownBy(() -> ControlMessage.rights(fds))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("253");
        byte[] raw = ControlMessage.rights(Arrays.copyOf(fds, 200)).data();
        List<ControlMessage> split = List.of(new ControlMessage(SendMsg.SOL_SOCKET, SendMsg.SCM_RIGHTS, raw),
                new ControlMessage(SendMsg.SOL_SOCKET, SendMsg.SCM_RIGHTS, raw));
        assertThatThrownBy(() -> SendMsg.send1msg(sender, "x".getBytes(), 0, split))
                .as("200 + 200 split over two messages")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("400");
        assertNothingQueued();
    }

    private void assertNothingQueued() {
        assertThatThrownBy(() -> SendMsg.recv1msg(receiver, 1024, SendMsg.MSG_DONTWAIT))
                .as("nothing was sent").isInstanceOfSatisfying(ErrnoException.class,
                        e -> assertThat(e.errnoName()).isEqualTo("EAGAIN"));
    }

    // edge case 8
    @Test
    void aClosedDescriptorInTheArrayFailsWithEbadfAndSendsNothing() throws Exception {
        int[] fds = Fds.pipeReadEnds(2, toClose);
        int closed = fds[1];
        Posix.close(closed);
        toClose.remove(Integer.valueOf(closed));
        assertThatThrownBy(() -> SendMsg.send1msg(sender, "x".getBytes(), 0, List.of(ControlMessage.rights(fds))))
                .isInstanceOfSatisfying(ErrnoException.class, e -> assertThat(e.errnoName()).isEqualTo("EBADF"));
        assertNothingQueued();
    }

    // edge case 9: an empty array delivers no control message
    @Test
    void anEmptyDescriptorArrayDeliversTheBytesAndNoControlMessage() throws Exception {
        SendMsg.send1msg(sender, "x".getBytes(), 0, List.of(ControlMessage.rights()));
        ReceivedMessage message = SendMsg.recv1msg(receiver);
        assertThat(message.data()).isEqualTo("x".getBytes());
        assertThat(message.ancillary()).isEmpty();
        assertThat(message.flags()).isZero();
    }

    @Test
    void rightsDataThatIsNotWholeIntsIsRefusedBeforeAnySyscall() {
        List<ControlMessage> partial = List.of(new ControlMessage(SendMsg.SOL_SOCKET, SendMsg.SCM_RIGHTS, new byte[3]));
        assertThatThrownBy(() -> SendMsg.send1msg(sender, "x".getBytes(), 0, partial))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole 4-byte ints");
        assertNothingQueued();
    }

    // edge case 14: refused, decided and documented
    @Test
    void aZeroByteStreamSendWithDescriptorsIsRefusedRatherThanSilentlyDropped() throws Exception {
        int[] fds = Fds.pipeReadEnds(1, toClose);
        assertThatThrownBy(() -> SendMsg.send1msg(sender, new byte[0], 0, List.of(ControlMessage.rights(fds))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one byte");
        assertNothingQueued();
    }

    @Test
    void aZeroByteDatagramWithDescriptorsIsDelivered() throws Exception {
        int[] pair = Posix.socketpair(SendMsg.AF_UNIX, SendMsg.SOCK_DGRAM);
        toClose.add(pair[0]);
        toClose.add(pair[1]);
        int[] fds = Fds.pipeReadEnds(1, toClose);
        assertThat(SendMsg.send1msg(pair[0], new byte[0], 0, List.of(ControlMessage.rights(fds)))).isZero();
        ReceivedMessage message = SendMsg.recv1msg(pair[1]);
        assertThat(message.data()).isEmpty();
        assertSameFiles(received(message), fds);
    }

    /**
     * The truncation sweep: 4 descriptors sent, control buffers of every size from none to a full
     * {@code CMSG_SPACE(16)} less one. The kernel closes what does not fit; what fits must arrive whole.
     */
    @ParameterizedTest(name = "control buffer of {0} bytes")
    @ValueSource(ints = {0, 1, 8, 15, 16, 17, 19, 20, 23, 24, 27, 28, 31})
    void aTooSmallControlBufferReturnsTheDescriptorsThatFitAndReportsCtrunc(int bufferSize) throws Exception {
        int[] fds = Fds.pipeReadEnds(4, toClose);
        int before = Fds.openCount();
        SendMsg.send1msg(sender, "data".getBytes(), 0, List.of(ControlMessage.rights(fds)));

        ReceivedMessage message = receiveWithControlBuffer(bufferSize);
        int[] copies = received(message);

        assertThat(message.data()).as("the data arrives intact").isEqualTo("data".getBytes());
        assertThat(message.isControlTruncated()).as("MSG_CTRUNC").isTrue();
        int fit = Math.max(0, (bufferSize - 16) / 4);
        assertThat(copies).as("whole descriptors only: those that fit in %d bytes", bufferSize)
                .hasSize(fit);
        assertSameFiles(copies, Arrays.copyOf(fds, copies.length));
        assertThat(Fds.openCount()).as("exactly the returned descriptors were installed")
                .isEqualTo(before + copies.length);
    }

    private ReceivedMessage receiveWithControlBuffer(int bufferSize) throws ErrnoException {
        // The public API sizes the buffer as CMSG_SPACE(cmsgSize); the sweep needs exact sizes, below a
        // header too, so it calls the package-private receive under it.
        return SendMsg.receive(receiver, 1024, bufferSize, 0);
    }

    // edge case 18
    @Test
    void eachPeekInstallsNewCopiesThatTheCallerMustClose() throws Exception {
        int[] fds = Fds.pipeReadEnds(1, toClose);
        SendMsg.send1msg(sender, "x".getBytes(), 0, List.of(ControlMessage.rights(fds)));
        int[] first = received(SendMsg.recv1msg(receiver, 1024, SendMsg.MSG_PEEK));
        int[] second = received(SendMsg.recv1msg(receiver, 1024, SendMsg.MSG_PEEK));
        int[] taken = received(SendMsg.recv1msg(receiver));
        assertThat(new int[] {first[0], second[0], taken[0]}).as("three distinct descriptors").doesNotHaveDuplicates();
        assertSameFiles(taken, fds);
        assertSameFiles(first, fds);
    }

    // edge case 15
    @Test
    void descriptorsSentWithAPartialStreamReadStayWithTheirFirstByte() throws Exception {
        int[] fds = Fds.pipeReadEnds(1, toClose);
        SendMsg.send1msg(sender, "1111".getBytes());
        SendMsg.send1msg(sender, "A".getBytes(), 0, List.of(ControlMessage.rights(fds)));
        SendMsg.send1msg(sender, "2222".getBytes());
        ReceivedMessage first = SendMsg.recv1msg(receiver);
        assertThat(new String(first.data(), StandardCharsets.US_ASCII))
                .as("a read stops after the chunk that carries descriptors").isEqualTo("1111A");
        assertSameFiles(received(first), fds);
        ReceivedMessage rest = SendMsg.recv1msg(receiver);
        assertThat(new String(rest.data(), StandardCharsets.US_ASCII)).isEqualTo("2222");
        assertThat(rest.ancillary()).isEmpty();
    }
}
