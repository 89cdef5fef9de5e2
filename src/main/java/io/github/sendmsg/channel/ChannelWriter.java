package io.github.sendmsg.channel;

import io.github.sendmsg.ErrnoException;
import io.github.sendmsg.internal.Constants;
import io.github.sendmsg.internal.ControlWriter;
import io.github.sendmsg.internal.Errno;
import io.github.sendmsg.internal.MessageHeader;
import io.github.sendmsg.internal.Poller;
import io.github.sendmsg.internal.Scratch;
import io.github.sendmsg.internal.Syscalls;
import io.github.sendmsg.internal.Vectors;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The sending half of a {@link UnixChannel}: descriptors borrowed for the call and sent with the first
 * byte, every remaining byte written on a stream, waiting on {@code EAGAIN}. Calls are serialised by the
 * channel's write lock.
 */
final class ChannelWriter {

    /** Heap bytes staged through native memory per call on a stream; the rest goes in later calls. */
    private static final long STAGE_LIMIT = 1 << 20;

    private final UnixChannel.Type type;
    private ChannelSide side;

    ChannelWriter(UnixChannel.Type type) {
        this.type = type;
    }

    /** Checks what a send is given, before the channel's call begins. */
    void check(ByteBuffer[] srcs, Descriptor[] descriptors) {
        Vectors.check(srcs, false);
        Objects.requireNonNull(descriptors, "descriptors");
        if (descriptors.length > ControlWriter.SCM_MAX_FD) {
            throw new IllegalArgumentException("at most " + ControlWriter.SCM_MAX_FD + " descriptors go in one message"
                    + " (Linux SCM_MAX_FD), not " + descriptors.length);
        }
        if (descriptors.length > 0 && UnixChannel.remaining(srcs) == 0 && type == UnixChannel.Type.STREAM) {
            throw new IllegalArgumentException("descriptors travel with at least one byte on a stream: the kernel would drop"
                    + " them with an empty write (write a byte with them)");
        }
    }

    /**
     * Sends {@code srcs} on {@code fd}, which the channel holds open: the bytes sent, or
     * {@link ChannelReader#GAVE_UP} if the channel was closed or the thread interrupted while waiting.
     */
    long send(UnixChannel channel, int fd, ByteBuffer[] srcs, Descriptor[] descriptors, SocketAddress target, boolean move)
            throws IOException {
        int borrowed = 0;
        boolean passed = false;
        Scratch scratch = null;
        try {
            ChannelSide side = side();
            side.outgoing.clear();
            if (descriptors.length > 0) {
                MemorySegment data = side.outgoing.appendRights(descriptors.length);
                for (Descriptor descriptor : descriptors) {
                    ControlWriter.putFd(data, borrowed, Objects.requireNonNull(descriptor, "a descriptor is null").borrow());
                    borrowed++;
                }
            }
            int nameLength = target == null ? 0 : Addressing.encode(side.name, target);
            if (ChannelReader.needsStaging(srcs) || srcs.length > ChannelSide.IOVECS) {
                scratch = Scratch.acquire();
            }
            long deadline = channel.deadline();
            long sent = 0;
            int waits = 0;
            while (true) {
                ByteBuffer[] window = type == UnixChannel.Type.STREAM && scratch != null ? window(srcs) : srcs;
                MessageHeader header = window.length <= ChannelSide.IOVECS ? side.header : scratch.header(window.length);
                Vectors.fill(scratch, header, window, true);
                header.prepareSend(window.length, side.name, nameLength, side.control, side.outgoing.length());
                long n = Syscalls.sendmsg(side.capture, fd, header.segment(), MessageHeader.sendFlags(Constants.MSG_DONTWAIT));
                if (n >= 0) {
                    Vectors.sent(srcs, n);
                    sent += n;
                    if (side.outgoing.length() > 0) {
                        side.outgoing.clear();   // the descriptors went with the first byte: never twice
                        passed = true;
                    }
                    if (type != UnixChannel.Type.STREAM || UnixChannel.remaining(srcs) == 0) {
                        return sent;
                    }
                    continue;
                }
                if (-n != Errno.EAGAIN) {
                    throw new ErrnoException("sendmsg", fd, (int) -n);
                }
                if (!channel.await(Poller.writers(), fd, deadline, false, waits++ == 0)) {
                    return ChannelReader.GAVE_UP;
                }
            }
        } finally {
            for (int i = 0; i < borrowed; i++) {
                descriptors[i].endBorrow();
                if (move && passed) {
                    descriptors[i].close();
                }
            }
            if (scratch != null) {
                scratch.release();
            }
        }
    }

    /** The front of {@code srcs} holding at most {@link #STAGE_LIMIT} bytes, as views: heap bytes are staged per call. */
    private static ByteBuffer[] window(ByteBuffer[] srcs) {
        long budget = STAGE_LIMIT;
        List<ByteBuffer> views = new ArrayList<>();
        for (ByteBuffer src : srcs) {
            if (!src.hasRemaining()) {
                continue;
            }
            if (budget <= 0) {
                break;
            }
            ByteBuffer view = src.slice();
            if (view.remaining() > budget) {
                view.limit((int) budget);
            }
            budget -= view.remaining();
            views.add(view);
        }
        return views.toArray(ByteBuffer[]::new);
    }

    private ChannelSide side() {
        ChannelSide made = side;
        if (made == null) {
            side = made = new ChannelSide(true);
        }
        return made;
    }
}
