package io.github.sendmsg;

import io.github.sendmsg.internal.ControlBuffer;
import io.github.sendmsg.internal.Scratch;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Lists of {@link ControlMessage}s: checked before a send, encoded into control buffers, parsed back. */
final class Ancillaries {

    private static final long SIZE_LIMIT = 0x7FFFFFFFL;

    private Ancillaries() {
    }

    /** Checks the ancillary data of a send and returns the control buffer size it needs. */
    static long check(List<ControlMessage> ancillary) {
        Objects.requireNonNull(ancillary, "ancillary");
        long size = 0;
        int fds = 0;
        for (ControlMessage message : ancillary) {
            Objects.requireNonNull(message, "an item of ancillary is null");
            if (message.isRights()) {
                if (message.data().length % Integer.BYTES != 0) {
                    throw new IllegalArgumentException("SCM_RIGHTS data must be whole 4-byte ints (descriptors),"
                            + " not " + message.data().length + " bytes");
                }
                for (int fd : message.fileDescriptors()) {
                    if (fd < 0) {
                        throw new IllegalArgumentException("SCM_RIGHTS data holds a negative descriptor: " + fd);
                    }
                }
                fds += message.data().length / Integer.BYTES;
            }
            size += ControlBuffer.space(message.data().length);
            if (size > SIZE_LIMIT) {
                throw new IllegalArgumentException("ancillary data larger than 0x7FFFFFFF bytes cannot be sent");
            }
        }
        if (fds > SendMsg.SCM_MAX_FD) {
            throw new IllegalArgumentException("at most " + SendMsg.SCM_MAX_FD
                    + " descriptors can be sent in one message (Linux SCM_MAX_FD), not " + fds);
        }
        return size;
    }

    /** The checked ancillary data in a zero-filled control buffer of {@code size} bytes; NULL if none. */
    static MemorySegment encode(Scratch scratch, List<ControlMessage> ancillary, long size) {
        if (size == 0) {
            return MemorySegment.NULL;
        }
        MemorySegment control = scratch.control(size).fill((byte) 0);
        long offset = 0;
        for (ControlMessage message : ancillary) {
            offset = ControlBuffer.put(control, offset, message.level(), message.type(), message.data());
        }
        return control;
    }

    /** The control messages in the first {@code length} bytes of {@code control}, copied out. */
    static List<ControlMessage> parse(MemorySegment control, long length) {
        if (length <= 0) {
            return List.of();
        }
        List<ControlMessage> messages = new ArrayList<>(2);
        ControlBuffer.parse(control, length, (level, type, data) ->
                messages.add(new ControlMessage(level, type, data.toArray(ValueLayout.JAVA_BYTE))));
        return messages;
    }

    /** {@code CMSG_SPACE(cmsgSize)} for a receive, checked. */
    static long receiveSpace(int cmsgSize) {
        Arguments.requireNonNegative(cmsgSize, "cmsgSize");
        long controlSize = ControlBuffer.space(cmsgSize);
        if (controlSize > SIZE_LIMIT) {
            throw new IllegalArgumentException("CMSG_SPACE(cmsgSize) must not exceed 0x7FFFFFFF; cmsgSize "
                    + cmsgSize + " gives " + controlSize);
        }
        return controlSize;
    }
}
