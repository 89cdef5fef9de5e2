package io.github.sendmsg.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which platforms the committed bindings describe: any other fails at first use, before touching memory. */
class PlatformTest {

    @Test
    void linuxOnX86AndArm64IsSupported() {
        assertThat(Platform.isSupported("Linux", "amd64")).isTrue();
        assertThat(Platform.isSupported("Linux", "aarch64")).isTrue();
        assertThat(Platform.SUPPORTED).as("this build machine").isTrue();
    }

    @Test
    void everyOtherPlatformIsRefused() {
        assertThat(Platform.isSupported("Mac OS X", "aarch64")).as("macOS: other layouts and constants").isFalse();
        assertThat(Platform.isSupported("Linux", "x86")).as("32-bit Linux: other layouts").isFalse();
        assertThat(Platform.isSupported("Linux", "riscv64")).as("not checked against the bindings").isFalse();
        assertThat(Platform.isSupported("Windows 11", "amd64")).isFalse();
        assertThat(Platform.isSupported("FreeBSD", "amd64")).isFalse();
    }
}
