package io.github.sendmsg;

import java.util.Arrays;
import java.util.Objects;

/**
 * A control message as a typed value: {@link Rights descriptors}, {@link Credentials credentials},
 * or any other kind {@link Unknown passed through raw}. Decode what arrived with
 * {@link #decode(ControlMessage)} or {@link ReceivedMessage#typed()}, and build what to send with
 * {@link #toControlMessage()}:
 * {@snippet :
 * for (Ancillary item : SendMsg.recv1msg(fd).typed()) {
 *     switch (item) {
 *         case Ancillary.Rights rights -> use(rights.fds());     // the caller's to close
 *         case Credentials sender -> check(sender.uid());
 *         case Ancillary.Unknown other -> log(other.message());
 *     }
 * }
 * }
 */
public sealed interface Ancillary permits Ancillary.Rights, Credentials, Ancillary.Unknown {

    /** The raw {@code (level, type, data)} form, with exactly the bytes the kernel expects. */
    ControlMessage toControlMessage();

    /**
     * The typed form of a raw control message: {@link Rights} for {@code SCM_RIGHTS},
     * {@link Credentials} for a well-formed {@code SCM_CREDENTIALS}, {@link Unknown} for anything else.
     *
     * @throws NullPointerException if {@code message} is null
     */
    static Ancillary decode(ControlMessage message) {
        Objects.requireNonNull(message, "message");
        if (message.isRights()) {
            return new Rights(message.fileDescriptors());
        }
        if (message.level() == SendMsg.SOL_SOCKET && message.type() == SendMsg.SCM_CREDENTIALS
                && message.data().length == Credentials.SIZE) {
            return Credentials.decode(message.data());
        }
        return new Unknown(message);
    }

    /**
     * {@code SCM_RIGHTS}: descriptors to copy into the receiving process, or copied into this one.
     *
     * <p>Ownership: sent descriptors stay the sender's; received ones are the receiver's to close.
     *
     * @param fds the descriptors, in order
     */
    record Rights(int... fds) implements Ancillary {

        /**
         * Makes a rights message; the array is not copied.
         *
         * @throws NullPointerException if {@code fds} is null
         */
        public Rights {
            Objects.requireNonNull(fds, "fds");
        }

        /**
         * The {@code SCM_RIGHTS} message for these descriptors.
         *
         * @throws IllegalArgumentException as {@link ControlMessage#rights(int...)}
         */
        @Override
        public ControlMessage toControlMessage() {
            return ControlMessage.rights(fds);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Rights that && Arrays.equals(fds, that.fds);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(fds);
        }

        @Override
        public String toString() {
            return "Rights" + Arrays.toString(fds);
        }
    }

    /**
     * A control message of a kind this library does not decode, kept exactly as it arrived.
     *
     * @param message the raw message
     */
    record Unknown(ControlMessage message) implements Ancillary {

        /**
         * Wraps a raw message.
         *
         * @throws NullPointerException if {@code message} is null
         */
        public Unknown {
            Objects.requireNonNull(message, "message");
        }

        @Override
        public ControlMessage toControlMessage() {
            return message;
        }
    }
}
