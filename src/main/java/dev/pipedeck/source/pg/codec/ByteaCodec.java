package dev.pipedeck.source.pg.codec;

import java.io.ByteArrayOutputStream;

/** bytea in hex ({@code \x0a1b}, the default since 9.0) or the legacy escape format. */
final class ByteaCodec implements ValueCodec {
    static final ByteaCodec INSTANCE = new ByteaCodec();

    @Override
    public Object decode(String text) {
        if (text.startsWith("\\x")) {
            int n = (text.length() - 2) / 2;
            byte[] out = new byte[n];
            for (int i = 0; i < n; i++) {
                out[i] = (byte) ((hex(text.charAt(2 + 2 * i)) << 4) | hex(text.charAt(3 + 2 * i)));
            }
            return out;
        }
        return decodeEscape(text);
    }

    private static byte[] decodeEscape(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.write(c);
            } else if (i + 1 < text.length() && text.charAt(i + 1) == '\\') {
                out.write('\\');
                i++;
            } else {
                out.write(Integer.parseInt(text.substring(i + 1, i + 4), 8));
                i += 3;
            }
        }
        return out.toByteArray();
    }

    private static int hex(char c) {
        int v = Character.digit(c, 16);
        if (v < 0) {
            throw new IllegalArgumentException("bad hex digit in bytea: " + c);
        }
        return v;
    }
}
