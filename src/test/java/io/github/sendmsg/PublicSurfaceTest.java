package io.github.sendmsg;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The small parts of the public API that the feature tests pass by: value semantics of the result
 * types, the sizes a message reports, gathering from native segments, the conversions of an address,
 * a successful {@code connectTo}. (Found by the coverage report: each was a public method no test ran.)
 */
@ExtendWith(NoFdLeaks.class)
class PublicSurfaceTest {

    private final List<Integer> toClose = new ArrayList<>();

    @AfterEach
    void close() {
        toClose.forEach(Fds::closeAll);
    }

    @Test
    void rightsAndReceivedMessagesCompareByValueAndPrintTheirContent() {
        Ancillary.Rights rights = new Ancillary.Rights(3, 4);
        assertThat(rights).isEqualTo(new Ancillary.Rights(3, 4)).isNotEqualTo(new Ancillary.Rights(4, 3));
        assertThat(rights.hashCode()).isEqualTo(new Ancillary.Rights(3, 4).hashCode());
        assertThat(rights).hasToString("Rights[3, 4]");

        ReceivedMessage a = new ReceivedMessage(new byte[] {'h', 'i'}, 0, List.of(ControlMessage.rights(5)));
        ReceivedMessage b = new ReceivedMessage(new byte[] {'h', 'i'}, 0, List.of(ControlMessage.rights(5)));
        assertThat(a).isEqualTo(b);
        assertThat(a.hashCode()).as("equal messages hash alike, by the bytes' content").isEqualTo(b.hashCode());
        assertThat(a).hasToString("ReceivedMessage[data=2 bytes, flags=0, ancillary=[ControlMessage[level=1, type=1, data=05000000]]]");
    }

    @Test
    void aResultMadeWithAnAddressInItsStringFormGivesItBack() {
        ReceiveResult result = new ReceiveResult(1, 0, List.of(), "@peer");
        assertThat(result.address()).isEqualTo("@peer");
        assertThat(result.sender()).isEqualTo(UnixAddress.of("@peer"));
        assertThat(new ReceiveResult(1, 0, List.of(), (String) null).sender()).isNull();
    }

    @Test
    void aMessageAndABatchReportTheSizesTheyWereMadeWith() {
        try (NativeMessage message = NativeMessage.allocate(3, SendMsg.CMSG_SPACE(8));
             MessageBatch batch = MessageBatch.allocate(7, 1, 0)) {
            assertThat(message.maxBuffers()).isEqualTo(3);
            assertThat(message.controlCapacity()).isEqualTo(SendMsg.CMSG_SPACE(8));
            assertThat(batch.size()).isEqualTo(7);
        }
    }

    @Test
    void nativeSegmentsGatherIntoOneMessageAndTheResultDecodesItsDescriptorsTyped() throws ErrnoException {
        int[] pair = Posix.socketpair();
        toClose.add(pair[0]);
        toClose.add(pair[1]);
        int[] pipe = Fds.pipeReadEnds(1, toClose);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment hello = arena.allocateFrom("hello, ", java.nio.charset.StandardCharsets.US_ASCII);
            MemorySegment world = arena.allocateFrom("world", java.nio.charset.StandardCharsets.US_ASCII);
            MemorySegment[] parts = {hello.asSlice(0, 7), world.asSlice(0, 5)};

            long sent = SendMsg.sendmsg(pair[0], parts, List.of(ControlMessage.rights(pipe[0])), 0);

            ByteBuffer in = ByteBuffer.allocate(32);
            ReceiveResult result = SendMsg.recvmsg(pair[1], new ByteBuffer[] {in}, Integer.BYTES, 0);
            assertThat(sent).isEqualTo(12);
            assertThat(new String(in.array(), 0, in.position())).isEqualTo("hello, world");
            assertThat(result.typed()).singleElement().isInstanceOfSatisfying(Ancillary.Rights.class,
                    r -> assertThat(r.fds()).containsExactly(result.fileDescriptors()));
            Fds.closeAll(result.fileDescriptors());
        }
    }

    @Test
    void anAddressIsAlsoAPathAndTheJdksAddressAndHashesByItsBytes(@TempDir Path dir) {
        Path path = dir.resolve("app.sock");
        UnixAddress address = UnixAddress.of(path);

        assertThat(address.toPath()).isEqualTo(path);
        assertThat(address.toUnixDomainSocketAddress().getPath()).isEqualTo(path);
        assertThat(address.hashCode()).isEqualTo(UnixAddress.of(path.toString()).hashCode());
        assertThatThrownBy(() -> UnixAddress.of("@name").toPath())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("abstract name");
    }

    @Test
    void connectToReachesAListenerByItsAddress(@TempDir Path dir) throws ErrnoException {
        int server = Posix.socket(SendMsg.AF_UNIX, SendMsg.SOCK_STREAM);
        int client = Posix.socket(SendMsg.AF_UNIX, SendMsg.SOCK_STREAM);
        toClose.add(server);
        toClose.add(client);
        UnixAddress address = UnixAddress.of(dir.resolve("listener.sock"));
        Posix.bindTo(server, address);
        Posix.listen(server, 1);

        Posix.connectTo(client, address);

        int accepted = Posix.accept(server);
        toClose.add(accepted);
        assertThat(Posix.peerAddress(client)).isEqualTo(address);
        assertThat(Posix.write(client, new byte[] {'x'})).isEqualTo(1);
        assertThat(Posix.read(accepted, 1)).containsExactly('x');
    }
}
