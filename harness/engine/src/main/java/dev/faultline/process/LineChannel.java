package dev.faultline.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One JSON object per line over a pair of streams, with a bound on line length so that a program
 * that writes a gigabyte without a newline is a protocol error, not an out-of-memory error.
 */
public final class LineChannel {
    /** A 16 MiB value, JSON-escaped at worst six bytes a character, plus the envelope. */
    public static final int MAX_LINE_BYTES = 100 * 1024 * 1024;

    private final InputStream in;
    private final OutputStream out;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;

    public LineChannel(InputStream in, OutputStream out, int maxLineBytes) {
        this.in = in;
        this.out = out;
        this.maxLineBytes = maxLineBytes;
    }

    /** Thrown for a line longer than the bound. */
    public static final class LineTooLong extends IOException {
        LineTooLong(int max) {
            super("line longer than " + max + " bytes");
        }
    }

    /**
     * The next line without its terminator, or null at end of stream. A fragment cut off by the
     * end of the stream (a program killed while writing) is not a line and is dropped.
     */
    public String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return null;
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            line.write(buffer, start, position - start);
            if (line.size() > maxLineBytes) {
                throw new LineTooLong(maxLineBytes);
            }
            if (position < limit) {
                position++; // the newline
                return decode(line);
            }
        }
    }

    private static String decode(ByteArrayOutputStream line) {
        byte[] bytes = line.toByteArray();
        int n = bytes.length;
        if (n > 0 && bytes[n - 1] == '\r') {
            n--;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8);
    }

    public void writeLine(String line) throws IOException {
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
        out.flush();
    }
}
