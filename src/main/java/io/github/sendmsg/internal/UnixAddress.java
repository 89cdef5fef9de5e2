package io.github.sendmsg.internal;

import io.github.sendmsg.internal.libc.Libc;
import io.github.sendmsg.internal.libc.sockaddr_un;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * {@code struct sockaddr_un} for a filesystem path, or for a Linux abstract name written with a
 * leading {@code '@'} (as {@code ss -x} shows them).
 */
public final class UnixAddress {

    /** How many bytes of {@code sun_path} there are. */
    public static final int PATH_CAPACITY = (int) sockaddr_un.sun_path$layout().byteSize();

    private UnixAddress() {
    }

    /**
     * Writes the address of {@code path} into {@code address} and returns the length to pass to
     * {@code bind}/{@code connect}/{@code sendto}.
     *
     * @throws IllegalArgumentException if the path is empty, holds a NUL character, or does not fit
     */
    public static int encode(MemorySegment address, String path) {
        boolean abstractName = path.startsWith("@");
        byte[] bytes = (abstractName ? path.substring(1) : path).getBytes(StandardCharsets.UTF_8);
        if (!abstractName && bytes.length == 0) {
            throw new IllegalArgumentException("an AF_UNIX socket path must not be empty");
        }
        for (byte b : bytes) {
            if (b == 0) {
                throw new IllegalArgumentException("an AF_UNIX socket path must not contain NUL: " + printable(path));
            }
        }
        // A path needs its terminating NUL; an abstract name needs its leading one.
        if (bytes.length + 1 > PATH_CAPACITY) {
            throw new IllegalArgumentException("an AF_UNIX socket " + (abstractName ? "abstract name" : "path")
                    + " takes at most " + (PATH_CAPACITY - 1) + " bytes in UTF-8; this one takes "
                    + bytes.length + ": " + printable(path));
        }
        MemorySegment sun = address.asSlice(0, sockaddr_un.sizeof());
        sun.fill((byte) 0);
        sockaddr_un.sun_family(sun, (short) Libc.AF_UNIX());
        long pathOffset = sockaddr_un.sun_path$offset();
        MemorySegment.copy(bytes, 0, sun, ValueLayout.JAVA_BYTE, pathOffset + (abstractName ? 1 : 0), bytes.length);
        // A path counts its terminating NUL, an abstract name its leading one and no trailing NUL
        // (that would become part of the name): one extra byte either way.
        return (int) (pathOffset + 1 + bytes.length);
    }

    /**
     * Reads back an {@code AF_UNIX} address of {@code length} bytes, as the kernel filled it in:
     * {@code null} if there is none (length 0), {@code ""} for an unnamed socket, {@code "@name"} for
     * an abstract name, or the path.
     */
    public static String decode(MemorySegment address, long length) {
        long pathOffset = sockaddr_un.sun_path$offset();
        if (length <= 0) {
            return null;
        }
        long pathLength = Math.min(length, sockaddr_un.sizeof()) - pathOffset;
        if (pathLength <= 0) {
            return "";
        }
        byte[] bytes = address.asSlice(pathOffset, pathLength).toArray(ValueLayout.JAVA_BYTE);
        if (bytes[0] == 0) {
            return "@" + new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8);
        }
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    private static String printable(String path) {
        return '"' + path.replace("\0", "\\0") + '"';
    }
}
