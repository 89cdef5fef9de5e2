package io.github.sendmsg.channel;

import io.github.sendmsg.internal.ControlBuffer;
import io.github.sendmsg.internal.ControlWriter;
import io.github.sendmsg.internal.Errno;
import io.github.sendmsg.internal.MessageHeader;
import io.github.sendmsg.internal.SocketAddresses;
import io.github.sendmsg.internal.SocketCalls;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * The native memory of one direction of a channel, made once and reused by every call in that direction
 * (calls in one direction are serialised by the channel's lock): the errno capture, a message header
 * with room for {@value #IOVECS} iovecs, the control buffer and the address buffer. It lives in an
 * automatic arena, freed when the channel is unreachable.
 */
final class ChannelSide {

    /** Iovecs a side holds; a call with more buffers borrows a header from the scratch pool. */
    static final int IOVECS = 16;

    /**
     * Room for everything one receive can carry: the most descriptors Linux passes in one message,
     * the sender's credentials, a pidfd, and a security label. A read stops after the one message that
     * carried descriptors, so no read carries more.
     */
    static final long RECEIVE_CONTROL = ControlBuffer.space((long) ControlWriter.SCM_MAX_FD * ControlBuffer.FD_SIZE)
            + ControlBuffer.space(SocketCalls.UCRED_SIZE) + ControlBuffer.space(ControlBuffer.FD_SIZE) + 256;
    static final long SEND_CONTROL = ControlBuffer.space((long) ControlWriter.SCM_MAX_FD * ControlBuffer.FD_SIZE);

    final MemorySegment capture;
    final MessageHeader header;
    final MemorySegment control;
    final long controlCapacity;
    final MemorySegment name;
    final ControlWriter outgoing;

    ChannelSide(boolean sending) {
        Arena arena = Arena.ofAuto();
        this.capture = arena.allocate(Errno.CAPTURE_LAYOUT);
        this.header = MessageHeader.allocate(arena, IOVECS);
        this.controlCapacity = sending ? SEND_CONTROL : RECEIVE_CONTROL;
        this.control = arena.allocate(controlCapacity, ControlBuffer.ALIGNMENT);
        this.name = arena.allocate(SocketAddresses.CAPACITY, ControlBuffer.ALIGNMENT);
        this.outgoing = sending ? new ControlWriter(control, controlCapacity) : null;
    }
}
