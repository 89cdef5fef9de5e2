package io.github.sendmsg.internal;

import java.nio.ByteOrder;
import java.util.Locale;

/**
 * Which platforms the committed bindings describe, and the check that keeps every other platform from
 * ever touching native memory with the wrong layouts.
 *
 * <p>The bindings in {@code internal.libc} were generated for Linux glibc LP64; x86_64 and aarch64 share
 * every layout and constant used here. Any other platform fails at its first call with a sentence
 * that says so, never with memory written through the wrong offsets.
 */
public final class Platform {

    /** True where the committed layouts and constants are correct. */
    public static final boolean SUPPORTED = isSupported(
            System.getProperty("os.name", ""), System.getProperty("os.arch", ""));

    private Platform() {
    }

    /**
     * Throws unless this process runs on a supported platform.
     *
     * @throws UnsupportedOperationException on any platform other than Linux x86_64/aarch64
     */
    public static void requireSupported() {
        if (!SUPPORTED) {
            throw new UnsupportedOperationException(
                    "sendmsg for Java supports Linux on x86_64 and aarch64 (glibc, 64-bit); this JVM runs on "
                            + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                            + ", whose struct layouts and constants differ, so no call is made");
        }
    }

    static boolean isSupported(String osName, String osArch) {
        String arch = osArch.toLowerCase(Locale.ROOT);
        return osName.toLowerCase(Locale.ROOT).startsWith("linux")
                && (arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"))
                && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    }
}
