package io.github.sendmsg;

import io.github.sendmsg.internal.Constants;
import io.github.sendmsg.internal.ControlBuffer;
import io.github.sendmsg.internal.MessageHeader;
import io.github.sendmsg.internal.Scratch;
import io.github.sendmsg.internal.SocketAddresses;
import io.github.sendmsg.internal.Syscalls;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;

/**
 * The one {@code sendmsg} path and the one {@code recvmsg} path of the calls that borrow pooled scratch
 * memory ({@link SendMsg}, {@link Frames}): buffers in, result out, every installed descriptor handed
 * over or closed.
 */
final class Transfers {

    /** Points a header's iovecs at the caller's buffers and returns the bytes they describe. */
    @FunctionalInterface
    interface Filler {
        long fill(Scratch scratch, MessageHeader header);
    }

    /** Copies what a scatter receive staged back into the caller's buffers. */
    @FunctionalInterface
    interface Unstager {
        void received(MessageHeader header, long count);
    }

    /** Builds a receive's result from what the kernel returned; must not throw checked exceptions. */
    @FunctionalInterface
    private interface Completion<T> {
        T complete(long received, int flags, List<ControlMessage> ancillary, SocketAddress sender);
    }

    private Transfers() {
    }

    /** {@code data} with ancillary data, through a copy into native memory. */
    static int sendBytes(int fd, byte[] data, List<ControlMessage> ancillary, int flags) throws ErrnoException {
        long controlSize = Ancillaries.check(ancillary);
        requireByteWithAncillary(fd, data.length, controlSize, null);
        Scratch scratch = Scratch.acquire();
        try {
            MemorySegment buffer = scratch.data(data.length);
            MemorySegment.copy(data, 0, buffer, ValueLayout.JAVA_BYTE, 0, data.length);
            MessageHeader header = scratch.header(1);
            header.setIovec(0, buffer, data.length);
            return (int) transmit(scratch, header, fd, 1, ancillary, controlSize, flags, null);
        } finally {
            scratch.release();
        }
    }

    /** The gather send shared by the {@code ByteBuffer[]} and {@code MemorySegment[]} overloads. */
    static long gather(int fd, int count, Filler filler, List<ControlMessage> ancillary, int flags, SocketAddress to)
            throws ErrnoException {
        Arguments.requireFd(fd);
        long controlSize = Ancillaries.check(ancillary);
        Scratch scratch = Scratch.acquire();
        try {
            MessageHeader header = scratch.header(count);
            long total = filler.fill(scratch, header);
            requireByteWithAncillary(fd, total, controlSize, to);
            requireUnixForDescriptors(ancillary, to);
            return transmit(scratch, header, fd, count, ancillary, controlSize, flags, to);
        } finally {
            scratch.release();
        }
    }

    private static long transmit(Scratch scratch, MessageHeader header, int fd, int count, List<ControlMessage> ancillary,
                                 long controlSize, int flags, SocketAddress to) throws ErrnoException {
        MemorySegment control = Ancillaries.encode(scratch, ancillary, controlSize);
        MemorySegment name = scratch.small();
        int nameLength = to == null ? 0 : Addresses.encode(name, to);
        header.prepareSend(count, name, nameLength, control, controlSize);
        long sent = Syscalls.sendmsg(scratch.capture(), fd, header.segment(), MessageHeader.sendFlags(flags));
        if (sent < 0) {
            throw Errors.send(fd, (int) -sent);
        }
        return sent;
    }

    /** The how-to's "at least one byte" rule, checked where the kernel would drop descriptors. */
    static void requireByteWithAncillary(int fd, long total, long controlSize, SocketAddress to) {
        if (total == 0 && controlSize > 0 && to == null && Sockets.isStream(fd)) {
            throw new IllegalArgumentException("a stream socket needs at least one byte of data to carry"
                    + " ancillary data: the kernel would silently drop control messages sent with none");
        }
    }

    /**
     * Refuses descriptors or credentials addressed to an inet socket: the kernel sends the bytes and drops
     * {@code SCM_RIGHTS}/{@code SCM_CREDENTIALS} without a word, so the peer would wait for descriptors that
     * never come. Only an explicit destination tells the family without a syscall.
     */
    static void requireUnixForDescriptors(List<ControlMessage> ancillary, SocketAddress to) {
        if (to instanceof InetSocketAddress inet) {
            for (ControlMessage message : ancillary) {
                if (message.level() == Constants.SOL_SOCKET
                        && (message.type() == Constants.SCM_RIGHTS || message.type() == Constants.SCM_CREDENTIALS)) {
                    throw unixOnly(message.isRights() ? "SCM_RIGHTS" : "SCM_CREDENTIALS", inet);
                }
            }
        }
    }

    /** Why a control message that only {@code AF_UNIX} carries cannot go to {@code inet}. */
    static IllegalArgumentException unixOnly(String what, InetSocketAddress inet) {
        return new IllegalArgumentException(what + " travels only over AF_UNIX sockets: sent to the inet address "
                + inet + ", the kernel would deliver the bytes and silently drop the " + what + " message");
    }

    /**
     * Refuses a receive into no room on a stream socket ({@code maxSize} 0, or only empty buffers): it
     * returns 0 at once, which reads as end of stream, and takes the descriptors that came with the next
     * byte while that byte stays queued. One {@code getsockopt} only when there is no room.
     */
    static void requireRoomOnStream(int fd, long room) {
        if (room == 0 && Sockets.isStream(fd)) {
            throw noRoomOnStream(fd);
        }
    }

    /** The refusal of {@link #requireRoomOnStream}. */
    static IllegalArgumentException noRoomOnStream(int fd) {
        return new IllegalArgumentException("a receive into no room (maxSize 0, or only empty buffers) on stream"
                + " socket " + fd + " would return 0 bytes at once, which reads as end of stream, and take the"
                + " descriptors sent with the next byte while leaving that byte queued: receive at least 1 byte");
    }

    /** {@code recvmsg} of up to {@code maxSize} bytes into a new {@code byte[]}. */
    static ReceivedMessage receiveBytes(int fd, int maxSize, long controlSize, int flags) throws ErrnoException {
        requireRoomOnStream(fd, maxSize);
        Scratch scratch = Scratch.acquire();
        try {
            MemorySegment buffer = scratch.data(maxSize);
            MessageHeader header = scratch.header(1);
            header.setIovec(0, buffer, maxSize);
            return receive(scratch, header, fd, 1, controlSize, flags, false, (received, returnedFlags, ancillary, sender) ->
                    // recvmsg may report the full length of a datagram that was cut (MSG_TRUNC asked for).
                    new ReceivedMessage(buffer.asSlice(0, Math.min(received, maxSize)).toArray(ValueLayout.JAVA_BYTE),
                            returnedFlags, ancillary));
        } finally {
            scratch.release();
        }
    }

    /** The scatter receive shared by the {@code ByteBuffer[]} and {@code MemorySegment[]} overloads. */
    static ReceiveResult scatter(int fd, int count, int cmsgSize, int flags, Filler filler, Unstager unstager)
            throws ErrnoException {
        Arguments.requireFd(fd);
        long controlSize = Ancillaries.receiveSpace(cmsgSize);
        Scratch scratch = Scratch.acquire();
        try {
            MessageHeader header = scratch.header(count);
            requireRoomOnStream(fd, filler.fill(scratch, header));
            return receive(scratch, header, fd, count, controlSize, flags, true, (received, returnedFlags, ancillary, sender) -> {
                unstager.received(header, received);
                return new ReceiveResult(received, returnedFlags, ancillary, sender);
            });
        } finally {
            scratch.release();
        }
    }

    /**
     * The one recvmsg path. Every descriptor the kernel installed reaches the result, or is closed if
     * building the result fails.
     */
    private static <T> T receive(Scratch scratch, MessageHeader header, int fd, int count, long controlSize, int flags,
                                 boolean named, Completion<T> completion) throws ErrnoException {
        MemorySegment name = scratch.small();
        MemorySegment control = controlSize == 0 ? MemorySegment.NULL : scratch.control(controlSize);
        header.prepareReceive(count, name, named ? SocketAddresses.CAPACITY : 0, control, controlSize, flags);
        long received = Syscalls.recvmsg(scratch.capture(), fd, header.segment(), MessageHeader.receiveFlags(flags));
        if (received < 0) {
            throw Errors.receive(fd, (int) -received);
        }
        long controlLength = header.receivedControlLength(controlSize);
        try {
            SocketAddress sender = named ? Addresses.sender(name, header.receivedNameLength()) : null;
            return completion.complete(received, header.receivedFlags(), Ancillaries.parse(control, controlLength), sender);
        } catch (Throwable failure) {
            ControlBuffer.closeReceivedFds(control, controlLength, scratch.capture());
            throw failure;
        }
    }
}
