package io.github.sendmsg.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 that turns every byte sequence into a {@code String} and back unchanged: bytes that are not
 * UTF-8 become the lone surrogates U+DC80 to U+DCFF, one per byte, and those characters become the same
 * bytes again. This is Python's {@code surrogateescape} (PEP 383), which CPython uses for file names
 * and socket paths, so the two agree on every name.
 *
 * <p>Socket names are bytes (unix(7)); a {@code String} form that dropped or replaced bytes would name
 * a different socket. With this codec, {@code encode(decode(bytes))} equals {@code bytes} for every
 * byte array.
 */
public final class SurrogateEscape {

    private static final char ESCAPE_BASE = '\uDC00';

    private SurrogateEscape() {
    }

    /** Decodes {@code bytes} as UTF-8, escaping each byte of an invalid sequence. */
    public static String decode(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isUnderflow()) {
                break;
            }
            if (result.isError()) {
                for (int i = 0; i < result.length(); i++) {
                    out.put((char) (ESCAPE_BASE + (in.get() & 0xFF)));
                }
            } else {
                throw new IllegalStateException("UTF-8 decoding overflowed a buffer of one char per byte");
            }
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    /**
     * Encodes {@code text} as UTF-8, turning each escape (U+DC80 to U+DCFF) back into its byte.
     *
     * @throws IllegalArgumentException if {@code text} holds any other lone surrogate, which no byte
     *                                  sequence decodes to
     */
    public static byte[] encode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 8);
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isSurrogate(c)) {
                continue;
            }
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                i++;
                continue;
            }
            if (c < '\uDC80' || c > '\uDCFF') {
                throw new IllegalArgumentException("a lone surrogate U+" + Integer.toHexString(c).toUpperCase()
                        + " at index " + i + " cannot be encoded: only U+DC80 to U+DCFF stand for raw bytes");
            }
            out.writeBytes(strict(text.substring(start, i)));
            out.write(c - ESCAPE_BASE);
            start = i + 1;
        }
        out.writeBytes(strict(text.substring(start)));
        return out.toByteArray();
    }

    private static byte[] strict(String text) {
        try {
            ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            byte[] array = new byte[bytes.remaining()];
            bytes.get(array);
            return array;
        } catch (CharacterCodingException impossible) {
            throw new IllegalStateException("a string without lone surrogates failed to encode as UTF-8", impossible);
        }
    }
}
