package io.github.sendmsg.channel;

import io.github.sendmsg.Credentials;
import io.github.sendmsg.ErrnoException;
import io.github.sendmsg.internal.Constants;
import io.github.sendmsg.internal.ControlBuffer;
import io.github.sendmsg.internal.Errno;
import io.github.sendmsg.internal.MessageHeader;
import io.github.sendmsg.internal.Poller;
import io.github.sendmsg.internal.Scratch;
import io.github.sendmsg.internal.SocketAddresses;
import io.github.sendmsg.internal.Syscalls;
import io.github.sendmsg.internal.Vectors;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The receiving half of a {@link UnixChannel}: the receive loop (try with {@code MSG_DONTWAIT}, wait on
 * {@code EAGAIN}, try again) and the hand-over of what arrived, in which every installed descriptor
 * reaches the caller or is closed. Calls are serialised by the channel's read lock.
 */
final class ChannelReader {

    /** What {@link #receive} returns when the channel was closed or the thread interrupted while waiting. */
    static final long GAVE_UP = Long.MIN_VALUE;

    private final ChannelSide side = new ChannelSide(false);
    private final UnixChannel.Type type;
    final AtomicLong discarded = new AtomicLong();

    ChannelReader(UnixChannel.Type type) {
        this.type = type;
    }

    /** What a receive collects for its {@link Received}. */
    static final class ReceivedBuilder {
        List<Descriptor> descriptors = List.of();
        int surplus;
        int flags;
        Credentials credentials;
        Descriptor pidFd;
        SocketAddress sender;

        Received build(long bytes) {
            return new Received(bytes, descriptors, surplus, flags, credentials, pidFd, sender);
        }
    }

    /**
     * Receives into {@code dsts} on {@code fd}, which the channel holds open: the bytes read, -1 at end
     * of stream, or {@link #GAVE_UP}. Descriptors up to {@code maxDescriptors} go to {@code out}; with no
     * {@code out}, all are closed and counted.
     */
    long receive(UnixChannel channel, int fd, ByteBuffer[] dsts, int maxDescriptors, ReceivedBuilder out) throws IOException {
        Scratch scratch = needsStaging(dsts) || dsts.length > ChannelSide.IOVECS ? Scratch.acquire() : null;
        try {
            MessageHeader header = dsts.length <= ChannelSide.IOVECS ? side.header : scratch.header(dsts.length);
            int nameCapacity = type == UnixChannel.Type.DATAGRAM ? SocketAddresses.CAPACITY : 0;
            long deadline = channel.deadline();
            long received;
            int waits = 0;
            while (true) {
                Vectors.fill(scratch, header, dsts, false);
                header.prepareReceive(dsts.length, side.name, nameCapacity, side.control, side.controlCapacity,
                        Constants.MSG_DONTWAIT);
                received = Syscalls.recvmsg(side.capture, fd, header.segment(), MessageHeader.receiveFlags(Constants.MSG_DONTWAIT));
                if (received >= 0) {
                    break;
                }
                if (-received != Errno.EAGAIN) {
                    throw new ErrnoException("recvmsg", fd, (int) -received);
                }
                if (!channel.await(Poller.readers(), fd, deadline, true, waits++ == 0)) {
                    return GAVE_UP;
                }
            }
            long controlLength = header.receivedControlLength(side.controlCapacity);
            try {
                Vectors.received(header, dsts, received);
            } catch (RuntimeException | Error e) {
                ControlBuffer.closeReceivedFds(side.control, controlLength, side.capture);
                throw e;
            }
            // End of stream: a stream read into room that returns nothing; on a seqpacket socket the kernel
            // returns the same for a zero-length record, which is only told apart when it carries descriptors.
            boolean end = received == 0 && (type == UnixChannel.Type.STREAM || (type == UnixChannel.Type.SEQPACKET
                    && ControlBuffer.countFds(side.control, controlLength) == 0
                    && ControlBuffer.pidFd(side.control, controlLength) < 0));
            deliver(fd, controlLength, header.receivedFlags(), maxDescriptors, out,
                    nameCapacity == 0 ? 0 : header.receivedNameLength());
            return end ? -1 : received;
        } finally {
            if (scratch != null) {
                scratch.release();
            }
        }
    }

    /**
     * Hands the descriptors of a successful receive to {@code out} (at most {@code wanted}), closing and
     * counting the rest; with no {@code out}, closes them all. Every installed descriptor is handed over
     * or closed, whatever fails.
     */
    private void deliver(int fd, long controlLength, int flags, int wanted, ReceivedBuilder out, int nameLength) {
        MemorySegment control = side.control;
        int count = ControlBuffer.countFds(control, controlLength);
        int pidFd = ControlBuffer.pidFd(control, controlLength);
        if (out == null) {
            if (count > 0 || pidFd >= 0) {
                ControlBuffer.closeReceivedFds(control, controlLength, side.capture);
                discarded.addAndGet(count + (pidFd >= 0 ? 1 : 0));
            }
            return;
        }
        int kept = Math.min(count, wanted);
        List<Descriptor> descriptors = new ArrayList<>(kept);
        int wrapped = 0;
        boolean pidWrapped = false;
        try {
            for (; wrapped < kept; wrapped++) {
                descriptors.add(Descriptor.received(ControlBuffer.fdAt(control, controlLength, wrapped), "received on a UnixChannel", fd));
            }
            if (pidFd >= 0) {
                out.pidFd = Descriptor.received(pidFd, "received on a UnixChannel as the sender's pidfd", fd);
                pidWrapped = true;
            }
            out.flags = flags;
            out.credentials = credentials(control, controlLength);
            out.sender = nameLength == 0 ? null : Addressing.decode(side.name, nameLength);
        } catch (RuntimeException | Error e) {
            descriptors.forEach(Descriptor::close);
            if (out.pidFd != null) {
                out.pidFd.close();
            }
            closeFrom(control, controlLength, wrapped, pidWrapped ? -1 : pidFd);
            throw e;
        }
        closeFrom(control, controlLength, kept, -1);
        out.surplus = count - kept;
        discarded.addAndGet(count - kept);
        out.descriptors = descriptors;
    }

    /** Closes the passed descriptors from index {@code from} on, and {@code pidFd} if not negative. */
    private void closeFrom(MemorySegment control, long controlLength, int from, int pidFd) {
        for (int i = from, n = ControlBuffer.countFds(control, controlLength); i < n; i++) {
            Syscalls.close(side.capture, ControlBuffer.fdAt(control, controlLength, i));
        }
        if (pidFd >= 0) {
            Syscalls.close(side.capture, pidFd);
        }
    }

    private static Credentials credentials(MemorySegment control, long length) {
        Credentials[] found = {null};
        ControlBuffer.parse(control, length, (level, type, data) -> {
            if (level == Constants.SOL_SOCKET && type == Constants.SCM_CREDENTIALS && data.byteSize() == Credentials.SIZE) {
                found[0] = Credentials.decode(data.toArray(ValueLayout.JAVA_BYTE));
            }
        });
        return found[0];
    }

    static boolean needsStaging(ByteBuffer[] buffers) {
        for (ByteBuffer buffer : buffers) {
            if (!buffer.isDirect()) {
                return true;
            }
        }
        return false;
    }
}
