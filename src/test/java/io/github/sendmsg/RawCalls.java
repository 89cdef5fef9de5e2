package io.github.sendmsg;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * System calls the tests make themselves, straight through FFM and apart from the library, to set up
 * what the library's own API does not offer (or must not be trusted to set up): a socket bound to a
 * name given as raw bytes with the address length a C program would pass, and raw socket options.
 */
public final class RawCalls {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle BIND = handle("bind",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle SETSOCKOPT = handle("setsockopt",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                    ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle SENDTO = handle("sendto",
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

    /** {@code offsetof(struct sockaddr_un, sun_path)} and {@code sizeof(struct sockaddr_un)} on Linux. */
    public static final int SUN_PATH_OFFSET = 2;
    public static final int SOCKADDR_UN_SIZE = 110;
    /** Linux: {@code SO_PASSPIDFD} (6.5+) and {@code SCM_PIDFD}. */
    public static final int SO_PASSPIDFD = 76;
    public static final int SCM_PIDFD = 4;

    private RawCalls() {
    }

    private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), descriptor);
    }

    /**
     * Binds an {@code AF_UNIX} socket to {@code sunPath} exactly as given (a leading 0 makes it an
     * abstract name), passing {@code addressLength} as {@code addrlen}, as a C program might.
     */
    public static void bind(int fd, byte[] sunPath, int addressLength) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment address = arena.allocate(SOCKADDR_UN_SIZE);
            address.set(ValueLayout.JAVA_SHORT, 0, (short) SendMsg.AF_UNIX);
            MemorySegment.copy(sunPath, 0, address, ValueLayout.JAVA_BYTE, SUN_PATH_OFFSET, sunPath.length);
            int result = (int) BIND.invokeExact(fd, address, addressLength);
            if (result != 0) {
                throw new IllegalStateException("bind failed");
            }
        } catch (Throwable t) {
            throw new IllegalStateException("bind to raw bytes failed", t);
        }
    }

    /** Binds to the abstract name {@code name} (without the leading NUL) with the exact length. */
    public static void bindAbstract(int fd, byte[] name) {
        byte[] sunPath = new byte[name.length + 1];
        System.arraycopy(name, 0, sunPath, 1, name.length);
        bind(fd, sunPath, SUN_PATH_OFFSET + sunPath.length);
    }

    /** Sends {@code data} to the abstract name {@code name} given as raw bytes. */
    public static long sendToAbstract(int fd, byte[] data, byte[] name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment address = arena.allocate(SOCKADDR_UN_SIZE);
            address.set(ValueLayout.JAVA_SHORT, 0, (short) SendMsg.AF_UNIX);
            MemorySegment.copy(name, 0, address, ValueLayout.JAVA_BYTE, SUN_PATH_OFFSET + 1, name.length);
            MemorySegment buffer = arena.allocateFrom(ValueLayout.JAVA_BYTE, data);
            return (long) SENDTO.invokeExact(fd, buffer, (long) data.length, 0, address, SUN_PATH_OFFSET + 1 + name.length);
        } catch (Throwable t) {
            throw new IllegalStateException("sendto failed", t);
        }
    }

    /** {@code setsockopt(fd, level, name, &value, sizeof(int))}; true if the kernel took it. */
    public static boolean setIntOption(int fd, int level, int name, int value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment option = arena.allocateFrom(ValueLayout.JAVA_INT, value);
            return (int) SETSOCKOPT.invokeExact(fd, level, name, option, Integer.BYTES) == 0;
        } catch (Throwable t) {
            throw new IllegalStateException("setsockopt failed", t);
        }
    }
}
