package io.github.sendmsg.examples;

/** Python 2's {@code repr()} of a byte string, so the examples print exactly what the how-to shows. */
final class PythonRepr {

    private PythonRepr() {
    }

    static String of(byte[] bytes) {
        boolean hasSingle = false;
        boolean hasDouble = false;
        for (byte b : bytes) {
            hasSingle |= b == '\'';
            hasDouble |= b == '"';
        }
        char quote = hasSingle && !hasDouble ? '"' : '\'';
        StringBuilder text = new StringBuilder(bytes.length + 2).append(quote);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c == quote || c == '\\') {
                text.append('\\').append((char) c);
            } else if (c == '\t') {
                text.append("\\t");
            } else if (c == '\n') {
                text.append("\\n");
            } else if (c == '\r') {
                text.append("\\r");
            } else if (c < 0x20 || c >= 0x7F) {
                text.append(String.format("\\x%02x", c));
            } else {
                text.append((char) c);
            }
        }
        return text.append(quote).toString();
    }
}
