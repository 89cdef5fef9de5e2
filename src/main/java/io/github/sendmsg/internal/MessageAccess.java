package io.github.sendmsg.internal;

import java.lang.foreign.MemorySegment;

/**
 * How the high-level channel reaches into a reusable message of the public API, to send and receive it
 * with its own waiting, without a public method for it: the message class registers an implementation
 * when it is initialized (which any instance of it has been). The same shape as the JDK's shared
 * secrets; the layer below still names no public type.
 */
public final class MessageAccess {

    /** What the channel needs of a message; {@code message} is always one of the registered class. */
    public interface Operations {
        /** Checks the message's buffers and fills its header for a send on {@code fd}; returns the header. */
        MemorySegment prepareSend(Object message, int fd);

        /**
         * Checks the buffers and fills the header for a receive on {@code fd} with {@code flags}; returns
         * the header. On a {@code stream} socket, buffers with no room at all are refused.
         */
        MemorySegment prepareReceive(Object message, int fd, int flags, boolean stream);

        /** Reads back what the kernel wrote after a successful receive. */
        void finishReceive(Object message);

        /** The message's errno-capture segment. */
        MemorySegment capture(Object message);
    }

    private static volatile Operations operations;

    private MessageAccess() {
    }

    /** Registers the implementation; called once, by the message class. */
    public static void register(Operations implementation) {
        operations = implementation;
    }

    /** The registered implementation. */
    public static Operations operations() {
        return operations;
    }
}
