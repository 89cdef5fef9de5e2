package io.github.sendmsg.internal;

import io.github.sendmsg.Ancillary;
import io.github.sendmsg.ControlMessage;
import io.github.sendmsg.Credentials;
import io.github.sendmsg.SendMsg;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Property tests of the control-message encoder and parser (edge cases 9, 13, 31): random inputs
 * from a fixed seed, printed in every failure so it can be replayed. The default run tries tens of
 * thousands of inputs; {@code ./mvnw -Pfuzz test} tries millions.
 */
class ControlBufferFuzzTest {

    static final long SEED = Long.getLong("sendmsg.fuzz.seed", 0x5EED_5E4D_4D59L);
    private static final int DEFAULT_CASES = 20_000;
    private static final int FUZZ_CASES = 2_000_000;

    // edge case 22: unknown kinds pass through raw, unchanged
    @Test
    void anyListOfControlMessagesEncodesAndParsesBackUnchanged() {
        roundTrips(DEFAULT_CASES);
    }

    @Test
    @Tag("fuzz")
    void millionsOfListsRoundTrip() {
        roundTrips(FUZZ_CASES);
    }

    @Test
    void anyBytesInAControlBufferParseWithinBoundsAndNeverInventADescriptor() {
        survivesGarbage(DEFAULT_CASES);
    }

    @Test
    @Tag("fuzz")
    void millionsOfGarbageBuffersParseWithinBounds() {
        survivesGarbage(FUZZ_CASES);
    }

    private static void roundTrips(int cases) {
        SplittableRandom random = new SplittableRandom(SEED);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(8 * ControlBuffer.space(64) + 64, 8);
            for (int i = 0; i < cases; i++) {
                List<ControlMessage> messages = randomMessages(random);
                buffer.fill((byte) 0);
                long offset = 0;
                for (ControlMessage m : messages) {
                    offset = ControlBuffer.put(buffer, offset, m.level(), m.type(), m.data());
                }
                List<ControlMessage> parsed = new ArrayList<>();
                boolean clean = ControlBuffer.parse(buffer, offset, (level, type, data) ->
                        parsed.add(new ControlMessage(level, type, data.toArray(ValueLayout.JAVA_BYTE))));
                String replay = "case " + i + " of seed " + Long.toHexString(SEED) + ": " + messages;
                assertThat(clean).as("a clean parse, %s", replay).isTrue();
                assertThat(parsed).as("parsed back unchanged, %s", replay).isEqualTo(messages);
                assertThat(parsed.stream().map(Ancillary::decode).map(Ancillary::toControlMessage).toList())
                        .as("typed and back, %s", replay).isEqualTo(messages);
                int[] expectedFds = messages.stream().filter(ControlMessage::isRights)
                        .flatMapToInt(m -> java.util.Arrays.stream(m.fileDescriptors())).toArray();
                assertThat(ControlBuffer.countFds(buffer, offset)).as("descriptor count, %s", replay).isEqualTo(expectedFds.length);
                for (int k = 0; k < expectedFds.length; k++) {
                    assertThat(ControlBuffer.fdAt(buffer, offset, k)).as("descriptor %d, %s", k, replay).isEqualTo(expectedFds[k]);
                }
                assertFirstRightsAgreesWithTheScan(buffer, offset, replay);
            }
        }
    }

    /**
     * The shortcut a reusable message takes to its descriptors (the first {@code SCM_RIGHTS} run,
     * found once) reads inside the bounds and gives what the full scan gives, index for index.
     */
    private static void assertFirstRightsAgreesWithTheScan(MemorySegment buffer, long length, String replay) {
        long first = ControlBuffer.firstRights(buffer, length);
        long offset = first >>> 32;
        int run = (int) (first & (ControlBuffer.ALL_RIGHTS - 1));
        if ((first & ControlBuffer.ALL_RIGHTS) != 0) {
            assertThat(run).as("a run said to be complete holds every descriptor, %s", replay)
                    .isEqualTo(ControlBuffer.countFds(buffer, length));
        }
        long bound = Math.max(0, Math.min(length, buffer.byteSize()));
        assertThat(run).as("the first run is part of the descriptors, %s", replay)
                .isBetween(0, ControlBuffer.countFds(buffer, length));
        if (run > 0) {
            assertThat(offset + 4L * run).as("the first run lies inside, %s", replay).isLessThanOrEqualTo(bound);
        }
        for (int k = 0; k < run; k++) {
            assertThat(buffer.get(ValueLayout.JAVA_INT_UNALIGNED, offset + 4L * k))
                    .as("descriptor %d of the first run, %s", k, replay).isEqualTo(ControlBuffer.fdAt(buffer, length, k));
        }
    }

    private static List<ControlMessage> randomMessages(SplittableRandom random) {
        List<ControlMessage> messages = new ArrayList<>();
        for (int n = random.nextInt(9); n > 0; n--) {
            switch (random.nextInt(4)) {
                case 0 -> {
                    int[] fds = random.ints(random.nextInt(17), 0, Integer.MAX_VALUE).toArray();
                    messages.add(ControlMessage.rights(fds));
                }
                case 1 -> messages.add(new Credentials(random.nextInt(), random.nextInt(), random.nextInt()).toControlMessage());
                default -> {
                    byte[] data = new byte[random.nextInt(65)];
                    random.nextBytes(data);
                    int level = random.nextBoolean() ? SendMsg.SOL_SOCKET : random.nextInt();
                    int type = random.nextInt(8);
                    // Rights data must be whole ints to be sendable; keep the raw kinds apart from it.
                    if (level == SendMsg.SOL_SOCKET && type == SendMsg.SCM_RIGHTS) {
                        type = 100 + random.nextInt(100);
                    }
                    messages.add(new ControlMessage(level, type, data));
                }
            }
        }
        return messages;
    }

    private static void survivesGarbage(int cases) {
        SplittableRandom random = new SplittableRandom(SEED ^ 0x9E3779B97F4A7C15L);
        try (Arena arena = Arena.ofConfined()) {
            for (int i = 0; i < cases; i++) {
                int size = random.nextInt(513);
                MemorySegment buffer = arena.allocate(Math.max(1, size), 8).asSlice(0, size);
                byte[] bytes = new byte[size];
                random.nextBytes(bytes);
                // Plausible headers now and then, so the parser goes deep, not just to the first length.
                for (long at = 0; at + ControlBuffer.HEADER <= size && random.nextInt(3) > 0; at += 8 * (1 + random.nextInt(4))) {
                    long length = random.nextInt(3) == 0 ? random.nextLong() : ControlBuffer.HEADER + random.nextInt(80);
                    for (int b = 0; b < 8; b++) {
                        bytes[(int) at + b] = (byte) (length >>> (8 * b));
                    }
                    if (random.nextBoolean() && at + 16 <= size) {
                        bytes[(int) at + 8] = 1;
                        bytes[(int) at + 9] = bytes[(int) at + 10] = bytes[(int) at + 11] = 0;
                        bytes[(int) at + 12] = 1;
                        bytes[(int) at + 13] = bytes[(int) at + 14] = bytes[(int) at + 15] = 0;
                    }
                }
                MemorySegment.copy(bytes, 0, buffer, ValueLayout.JAVA_BYTE, 0, size);
                long length = switch (random.nextInt(4)) {
                    case 0 -> -random.nextInt(1000) - 1;
                    case 1 -> size + random.nextInt(1000);
                    default -> random.nextInt(size + 1);
                };
                long bound = Math.max(0, Math.min(length, size));
                String replay = "case " + i + " of seed " + Long.toHexString(SEED) + ", length " + length
                        + ", bytes " + HexFormat.of().formatHex(bytes);
                int[] wholeInts = {0};
                ControlBuffer.parse(buffer, length, (level, type, data) -> {
                    long start = data.address() - buffer.address();
                    assertThat(start).as("data starts inside, %s", replay).isBetween(ControlBuffer.HEADER, bound);
                    assertThat(start + data.byteSize()).as("data ends inside, %s", replay).isLessThanOrEqualTo(bound);
                    if (ControlBuffer.isRights(level, type)) {
                        wholeInts[0] += (int) (data.byteSize() / 4);
                    }
                });
                int count = ControlBuffer.countFds(buffer, length);
                assertThat(count).as("descriptors are whole ints of rights data only, %s", replay).isEqualTo(wholeInts[0]);
                for (int k = 0; k < count; k++) {
                    ControlBuffer.fdAt(buffer, length, k);
                }
                assertFirstRightsAgreesWithTheScan(buffer, length, replay);
                int past = count;
                assertThatThrownBy(() -> ControlBuffer.fdAt(buffer, length, past)).as(replay)
                        .isInstanceOf(IndexOutOfBoundsException.class);
            }
        }
    }

    @Test
    void aCmsgLenThatClaimsMoreThanTheBufferIsClampedAsOnMacOs() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(32, 8);
            ControlBuffer.putHeader(buffer, 0, SendMsg.SOL_SOCKET, SendMsg.SCM_RIGHTS, 60);  // claims 76 bytes
            for (int k = 0; k < 4; k++) {
                buffer.set(ValueLayout.JAVA_INT, 16 + 4L * k, 10 + k);
            }
            assertThat(ControlBuffer.countFds(buffer, 32)).as("16 data bytes fit, so 4 descriptors and no more").isEqualTo(4);
            assertThat(ControlBuffer.fdAt(buffer, 32, 3)).isEqualTo(13);
            List<Long> sizes = new ArrayList<>();
            assertThat(ControlBuffer.parse(buffer, 32, (level, type, data) -> sizes.add(data.byteSize())))
                    .as("reported as cut short").isFalse();
            assertThat(sizes).containsExactly(16L);
        }
    }

    @Test
    void aHeaderShorterThanAHeaderStopsTheParseAndAFragmentIsNoDescriptor() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(64, 8).fill((byte) 0);
            ControlBuffer.putHeader(buffer, 0, SendMsg.SOL_SOCKET, SendMsg.SCM_RIGHTS, 3);   // a 3-byte fragment
            ControlBuffer.putHeader(buffer, 24, SendMsg.SOL_SOCKET, SendMsg.SCM_RIGHTS, 4);
            buffer.set(ValueLayout.JAVA_LONG, 24, 8);                                           // cmsg_len 8 < 16
            assertThat(ControlBuffer.countFds(buffer, 64)).as("neither the fragment nor the bad header yields one").isZero();
            int[] visited = {0};
            assertThat(ControlBuffer.parse(buffer, 64, (level, type, data) -> visited[0]++)).isFalse();
            assertThat(visited[0]).as("only the fragment's message was visited").isEqualTo(1);
        }
    }

    @Test
    void cmsgMacrosMatchLinux() {
        for (int n = 0; n <= 1100; n++) {
            assertThat(ControlBuffer.len(n)).isEqualTo(16 + n);
            assertThat(ControlBuffer.space(n)).isEqualTo(16 + ((n + 7) & ~7));
            assertThat(ControlBuffer.align(n)).isEqualTo((n + 7) & ~7);
        }
    }
}
