package io.github.sendmsg.channel;

import io.github.sendmsg.ErrnoException;
import io.github.sendmsg.Fds;
import io.github.sendmsg.NoFdLeaks;
import io.github.sendmsg.Posix;
import io.github.sendmsg.SendMsg;
import io.github.sendmsg.UnixAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Descriptor}: an owned descriptor closes exactly once, refuses use after close, duplicates,
 * says what it is, and is closed and reported by a safety net when nobody closed it.
 */
@ExtendWith(NoFdLeaks.class)
class DescriptorTest {

    @TempDir
    Path dir;

    @Test
    void aDescriptorClosesExactlyOnceAndRefusesUseAfterClose() throws Exception {
        int[] pipe = Posix.pipe();
        Descriptor readEnd = Descriptor.adopt(pipe[0]);
        try {
            assertThat(readEnd.isOpen()).isTrue();
            assertThat(readEnd.fd()).isEqualTo(pipe[0]);
            readEnd.close();
            assertThat(Fds.isOpen(pipe[0])).as("the number is closed").isFalse();
            int[] next = Posix.pipe();   // the kernel hands out the lowest free number: this one again
            try {
                readEnd.close();
                assertThat(next[0]).as("the number was reused").isEqualTo(pipe[0]);
                assertThat(Fds.isOpen(next[0])).as("a second close left alone what took the number").isTrue();
            } finally {
                Fds.closeAll(next);
            }
            assertThat(readEnd.isOpen()).isFalse();
            assertThatThrownBy(readEnd::fd).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
            assertThatThrownBy(readEnd::duplicate).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(readEnd::kind).isInstanceOf(IllegalStateException.class);
            assertThat(readEnd.describe()).isEqualTo("closed");
            assertThat(readEnd).hasToString("Descriptor[closed]");
        } finally {
            Fds.closeAll(pipe[1]);
        }
    }

    @Test
    void duplicatesShareTheOpenFileButCloseApart() throws Exception {
        Path file = dir.resolve("shared.txt");
        Files.writeString(file, "0123456789");
        Descriptor original = Descriptor.open(file);
        try (Descriptor copy = original.duplicate()) {
            assertThat(copy.fd()).isNotEqualTo(original.fd());
            byte[] first = Posix.read(original.fd(), 4);
            byte[] next = Posix.read(copy.fd(), 3);
            assertThat(new String(first, StandardCharsets.US_ASCII) + "|" + new String(next, StandardCharsets.US_ASCII))
                    .as("one offset, shared by both numbers").isEqualTo("0123|456");
            original.close();
            assertThat(copy.isOpen()).isTrue();
            assertThat(new String(Posix.read(copy.fd(), 10), StandardCharsets.US_ASCII)).isEqualTo("789");
            assertThat(Fds.isCloseOnExec(copy.fd())).isTrue();
        } finally {
            original.close();
        }
    }

    @Test
    void aDescriptorSaysWhatItIs() throws Exception {
        Path file = dir.resolve("kind.txt");
        Files.writeString(file, "x");
        int[] pipe = Posix.pipe();
        int[] stream = Posix.socketpair();
        int[] seqpacket = Posix.socketpair(SendMsg.AF_UNIX, SendMsg.SOCK_SEQPACKET);
        List<Descriptor> all = new ArrayList<>();
        try {
            Descriptor regular = add(all, Descriptor.open(file));
            Descriptor directory = add(all, Descriptor.open(dir));
            Descriptor readEnd = add(all, Descriptor.adopt(pipe[0]));
            Descriptor socket = add(all, Descriptor.adopt(stream[0]));
            Descriptor records = add(all, Descriptor.adopt(seqpacket[0]));
            Descriptor devNull = add(all, Descriptor.open(Path.of("/dev/null"), StandardOpenOption.WRITE));
            Descriptor listener = add(all, Descriptor.adopt(listening()));

            assertThat(regular.kind()).isEqualTo(Descriptor.Kind.REGULAR_FILE);
            assertThat(directory.kind()).isEqualTo(Descriptor.Kind.DIRECTORY);
            assertThat(readEnd.kind()).isEqualTo(Descriptor.Kind.PIPE);
            assertThat(socket.kind()).isEqualTo(Descriptor.Kind.SOCKET);
            assertThat(devNull.kind()).isEqualTo(Descriptor.Kind.CHARACTER_DEVICE);
            assertThat(socket.socketFamily()).isEqualTo(SendMsg.AF_UNIX);
            assertThat(socket.socketType()).isEqualTo(SendMsg.SOCK_STREAM);
            assertThat(records.socketType()).isEqualTo(SendMsg.SOCK_SEQPACKET);
            assertThat(socket.isListening()).isFalse();
            assertThat(listener.isListening()).isTrue();
            assertThat(socket.describe()).isEqualTo("socket AF_UNIX SOCK_STREAM");
            assertThat(listener.describe()).isEqualTo("socket AF_UNIX SOCK_STREAM listening");
            assertThat(readEnd.describe()).isEqualTo("pipe");
            assertThat(regular.toString()).isEqualTo("Descriptor[fd " + regular.fd() + ", regular file]");
            assertThatThrownBy(regular::socketFamily).as("a file is not a socket").isInstanceOf(ErrnoException.class)
                    .hasMessageContaining("ENOTSOCK");
        } finally {
            all.forEach(Descriptor::close);
            Fds.closeAll(pipe[1], stream[1], seqpacket[1]);
        }
    }

    private static Descriptor add(List<Descriptor> all, Descriptor descriptor) {
        all.add(descriptor);
        return descriptor;
    }

    private static int listening() throws ErrnoException {
        int fd = Posix.socket(SendMsg.AF_UNIX, SendMsg.SOCK_STREAM);
        Posix.bindTo(fd, UnixAddress.of("@sendmsg-test-listener-" + ProcessHandle.current().pid() + "-" + System.nanoTime()));
        Posix.listen(fd, 1);
        return fd;
    }

    @Test
    void openTakesTheOptionsOfFileChannelOpen() throws Exception {
        Path file = dir.resolve("opened.txt");
        assertThatThrownBy(() -> Descriptor.open(file)).as("no CREATE: the file must exist")
                .isInstanceOf(ErrnoException.class).hasMessageContaining("ENOENT");
        try (Descriptor created = Descriptor.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            Posix.write(created.fd(), "first".getBytes(StandardCharsets.US_ASCII));
        }
        assertThatThrownBy(() -> Descriptor.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))
                .isInstanceOf(ErrnoException.class).hasMessageContaining("EEXIST");
        try (Descriptor appending = Descriptor.open(file, StandardOpenOption.APPEND)) {
            Posix.write(appending.fd(), "+more".getBytes(StandardCharsets.US_ASCII));
        }
        try (Descriptor reading = Descriptor.open(file)) {
            assertThatThrownBy(() -> Posix.write(reading.fd(), new byte[1])).as("opened for reading only")
                    .isInstanceOf(ErrnoException.class).hasMessageContaining("EBADF");
            assertThat(Fds.isCloseOnExec(reading.fd())).isTrue();
        }
        assertThat(Files.readString(file)).isEqualTo("first+more");
        assertThatThrownBy(() -> Descriptor.open(file, StandardOpenOption.DELETE_ON_CLOSE))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("DELETE_ON_CLOSE");
    }

    @Test
    void releaseGivesTheNumberUpAndAdoptRefusesAClosedOne() throws Exception {
        int[] pipe = Posix.pipe();
        Descriptor readEnd = Descriptor.adopt(pipe[0]);
        int number = readEnd.release();
        assertThat(number).isEqualTo(pipe[0]);
        assertThat(readEnd.isOpen()).isFalse();
        assertThat(Fds.isOpen(number)).as("released, not closed").isTrue();
        Fds.closeAll(number, pipe[1]);
        assertThatThrownBy(() -> Descriptor.adopt(number)).isInstanceOf(ErrnoException.class).hasMessageContaining("EBADF");
        assertThatThrownBy(() -> Descriptor.adopt(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNumberThisLibraryOwnsAlreadyCannotBeAdoptedASecondTime() throws Exception {
        int[] pipe = Posix.pipe();
        try (Descriptor first = Descriptor.adopt(pipe[0]); Descriptor writeEnd = Descriptor.adopt(pipe[1])) {
            assertThatThrownBy(() -> Descriptor.adopt(pipe[0])).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("fd " + pipe[0] + " is owned already").hasMessageContaining("duplicateOf");
            UnixChannel[] pair = UnixChannel.pair();
            try (UnixChannel a = pair[0]; UnixChannel b = pair[1]) {
                a.write(ByteBuffer.wrap(new byte[] {1}), writeEnd);
                try (Received received = b.receive(ByteBuffer.allocate(1), 1)) {
                    int number = received.descriptor().fd();
                    assertThatThrownBy(() -> Descriptor.adopt(number)).as("a received descriptor's number")
                            .isInstanceOf(IllegalStateException.class);
                }
                int channelNumber = a.duplicateDescriptor().release();
                try (Descriptor adopted = Descriptor.adopt(channelNumber)) {
                    assertThat(adopted.fd()).as("released, so free to adopt").isEqualTo(channelNumber);
                }
            }
            assertThat(first.isOpen()).as("the refused adoptions left the owner alone").isTrue();
        }
        assertThat(Fds.isOpen(pipe[0])).as("closed once, by its one owner").isFalse();
        Descriptor again = Descriptor.duplicateOf(0);
        int reused = again.fd();
        again.close();
        int[] fresh = Posix.pipe();
        try (Descriptor a = Descriptor.adopt(fresh[0]); Descriptor b = Descriptor.adopt(fresh[1])) {
            assertThat(a.isOpen() && b.isOpen()).as("numbers closed by their owner can be adopted again (%d)", reused).isTrue();
        }
    }

    @Test
    void aDescriptorNobodyClosedIsClosedAndReportedWithWhereItCameFrom() throws Exception {
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger(Descriptor.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                warnings.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        int[] pair = Posix.socketpair();
        int[] pipe = Posix.pipe();
        try {
            long reportedBefore = Leaks.reported();
            SendMsg.send1msg(pair[0], new byte[] {1}, 0, List.of(io.github.sendmsg.ControlMessage.rights(pipe[0])));
            int forgotten = forgetOneReceived(pair[1]);
            assertThat(Fds.isOpen(forgotten)).as("still open while the GC has not found it").isTrue();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (Fds.isOpen(forgotten) && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(20);
            }
            assertThat(Fds.isOpen(forgotten)).as("the safety net closed the forgotten descriptor").isFalse();
            assertThat(Leaks.reported()).isGreaterThan(reportedBefore);
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (warnings.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(warnings).as("the leak was reported").isNotEmpty();
            String message = warnings.getFirst().getMessage();
            assertThat(message).contains("fd " + forgotten).contains("received on a UnixChannel").contains("without being closed");
            assertThat(warnings.getFirst().getLevel()).isEqualTo(java.util.logging.Level.WARNING);
        } finally {
            logger.removeHandler(handler);
            Fds.closeAll(pair);
            Fds.closeAll(pipe);
        }
    }

    /** Receives a descriptor through a channel and drops it; returns its number. */
    private static int forgetOneReceived(int socket) throws Exception {
        UnixChannel channel = UnixChannel.adopt(Descriptor.duplicateOf(socket));
        try {
            Received received = channel.receive(ByteBuffer.allocate(4), 1);
            return received.descriptor().fd();
        } finally {
            channel.close();
        }
    }
}
