package io.github.sendmsg;

import io.github.sendmsg.internal.Constants;
import io.github.sendmsg.internal.SocketAddresses;

import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;

/** Socket addresses between their public types and native memory. */
final class Addresses {

    private Addresses() {
    }

    /**
     * Writes {@code address} at {@code target} ({@link SocketAddresses#CAPACITY} bytes) and returns its
     * length: a {@link UnixAddress}, the JDK's {@link UnixDomainSocketAddress} (a path) or a resolved
     * {@link InetSocketAddress}.
     *
     * @throws IllegalArgumentException for another type, an unresolved address, or a name that does not fit
     */
    static int encode(MemorySegment target, SocketAddress address) {
        return switch (address) {
            case UnixAddress unix -> SocketAddresses.encodeUnix(target, unix.sunPath());
            case UnixDomainSocketAddress path -> SocketAddresses.encodeUnix(target, UnixAddress.of(path.getPath()).sunPath());
            case InetSocketAddress inet -> SocketAddresses.encodeInet(target, inet);
            default -> throw new IllegalArgumentException("an address must be a UnixAddress, a UnixDomainSocketAddress or an"
                    + " InetSocketAddress, not a " + address.getClass().getName());
        };
    }

    /**
     * The sender's address the kernel wrote into {@code name} ({@code length} bytes), read by its
     * family; null for none.
     */
    static SocketAddress sender(MemorySegment name, int length) {
        int family = SocketAddresses.family(name, length);
        if (family == Constants.AF_UNIX) {
            return UnixAddress.ofReceived(SocketAddresses.decodeUnix(name, length));
        }
        if (family == Constants.AF_INET || family == Constants.AF_INET6) {
            return SocketAddresses.decodeInet(name, length);
        }
        return null;
    }
}
