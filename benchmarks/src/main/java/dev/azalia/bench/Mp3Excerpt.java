package dev.azalia.bench;

import dev.azalia.decode.MpegFrameHeader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Cuts the beginning of an MP3 file at a frame boundary, so a benchmark can play a few seconds of a sample through
 * the player (which plays a file to its end). The result is a truncated file: the leading ID3v2 tag and the
 * Xing/Info frame are kept as they are (the decoder then announces the whole file's length but delivers only what
 * is there). Frames are read with the player's {@link MpegFrameHeader} (layer III only). Stateless.
 */
public final class Mp3Excerpt
{
    private static final int HEADER_BYTES = 4;
    private static final int ID3_HEADER_BYTES = 10;
    private static final int ID3_FOOTER_FLAG = 0x10;

    private Mp3Excerpt()
    {
    }

    /**
     * Writes the first {@code seconds} of {@code mp3} (whole frames, rounded up) to a new temporary file that is
     * deleted when the JVM exits.
     *
     * @param mp3     the MP3 file.
     * @param seconds how much audio to keep, in seconds; zero or less keeps the whole file.
     * @return the excerpt, or {@code mp3} itself when it is not longer than {@code seconds} or {@code seconds <= 0}.
     * @throws IOException when the file cannot be read or the excerpt cannot be written.
     * @throws IllegalArgumentException when no layer III frame is found where one should start.
     */
    public static Path firstSeconds(final Path mp3, final double seconds) throws IOException
    {
        if (seconds <= 0)
        {
            return mp3;
        }
        final byte[] bytes = Files.readAllBytes(mp3);
        final int end = cutOffset(bytes, seconds);
        if (end >= bytes.length)
        {
            return mp3;
        }
        final Path excerpt = Files.createTempFile("azalia-excerpt-", ".mp3");
        excerpt.toFile().deleteOnExit();
        Files.write(excerpt, Arrays.copyOf(bytes, end));
        return excerpt;
    }

    /**
     * The byte offset just after the first frame that ends at or beyond {@code seconds} of audio.
     *
     * @param bytes   the whole file.
     * @param seconds seconds of audio to keep; positive.
     * @return the offset, at most {@code bytes.length}.
     */
    static int cutOffset(final byte[] bytes, final double seconds)
    {
        int offset = id3v2Bytes(bytes);
        long samples = 0;
        while (offset + HEADER_BYTES <= bytes.length)
        {
            final MpegFrameHeader header = MpegFrameHeader.parse((bytes[offset] & 0xff) << 24
                | (bytes[offset + 1] & 0xff) << 16 | (bytes[offset + 2] & 0xff) << 8 | (bytes[offset + 3] & 0xff));
            if (null == header)
            {
                throw new IllegalArgumentException("no MPEG layer III frame header at byte " + offset);
            }
            offset += header.frameSizeBytes();
            samples += header.samplesPerFrame();
            if (samples >= seconds * header.sampleRate())
            {
                return Math.min(offset, bytes.length);
            }
        }
        return bytes.length;
    }

    private static int id3v2Bytes(final byte[] bytes)
    {
        if (bytes.length < ID3_HEADER_BYTES || 'I' != bytes[0] || 'D' != bytes[1] || '3' != bytes[2])
        {
            return 0;
        }
        // the tag size is four 7-bit bytes (syncsafe), not counting the header or the footer
        final int size = (bytes[6] & 0x7f) << 21 | (bytes[7] & 0x7f) << 14 | (bytes[8] & 0x7f) << 7
            | (bytes[9] & 0x7f);
        return ID3_HEADER_BYTES + size + ((bytes[5] & ID3_FOOTER_FLAG) != 0 ? ID3_HEADER_BYTES : 0);
    }
}
