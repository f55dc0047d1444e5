package dev.azalia.decode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * Where the audio of an MP3 file starts and what its Xing/Info and LAME tags say, found without JLayer: ID3v2 tags
 * are skipped by their declared size, then the first {@value #SCAN_LIMIT_BYTES} bytes are scanned for a frame sync
 * whose header is valid and which is followed by {@value #CHAIN_FRAMES} - 1 more consistent frames (or by the exact
 * end of the file). The work is bounded: at most one scan window is read, whatever the file holds.
 *
 * <p>Not thread-safe; used once while opening a decoder.
 *
 * @param audioStartBytes   file offset of the first frame to decode (after the Xing/Info frame when there is one).
 * @param firstHeader       the header of the first audio frame found (the Xing/Info frame's when there is one).
 * @param vbrTagFrames      MPEG frames the Xing/Info tag counts (excluding the tag frame), or -1 when unknown.
 * @param lameTag           whether a LAME extension with encoder delay and padding was found.
 * @param encoderDelayFrames the LAME tag's encoder delay in PCM frames (0 without a LAME tag).
 * @param paddingFrames     the LAME tag's end padding in PCM frames (0 without a LAME tag).
 * @param vbr               whether a Xing or VBRI tag marks the stream as variable bitrate.
 */
record Mp3Layout(long audioStartBytes, MpegFrameHeader firstHeader, long vbrTagFrames, boolean lameTag,
                 int encoderDelayFrames, int paddingFrames, boolean vbr)
{
    /** How far past the ID3v2 tags a first frame is looked for, in bytes. */
    static final int SCAN_LIMIT_BYTES = 128 * 1024;

    /** Consecutive consistent frames needed to accept a sync (fewer only when they end exactly at end of file). */
    static final int CHAIN_FRAMES = 3;

    private static final int ID3V2_HEADER_BYTES = 10;
    private static final int MAX_ID3V2_TAGS = 16;

    /**
     * Scans a file.
     *
     * @param channel the open file, any position; left at an unspecified position.
     * @param name    the file name for messages.
     * @return the layout.
     * @throws InputException when no valid audio is found or the tags are inconsistent.
     * @throws IOException    when reading fails.
     */
    static Mp3Layout scan(final SeekableByteChannel channel, final String name) throws InputException, IOException
    {
        final long sizeBytes = channel.size();
        if (0 == sizeBytes)
        {
            throw new InputException(name + ": empty file (0 bytes)");
        }
        final long audioRegionStart = skipId3v2(channel, name, sizeBytes);
        final int windowBytes = (int)Math.min(sizeBytes - audioRegionStart,
            (long)SCAN_LIMIT_BYTES + (long)CHAIN_FRAMES * MpegFrameHeader.MAX_FRAME_SIZE_BYTES);
        final ByteBuffer window = ByteBuffer.allocate(windowBytes);
        readFully(channel, audioRegionStart, window);
        final byte[] bytes = window.array();
        final boolean windowReachesEof = audioRegionStart + windowBytes == sizeBytes;
        final int scanEnd = Math.min(windowBytes - 3, SCAN_LIMIT_BYTES);
        for (int offset = 0; offset < scanEnd; offset++)
        {
            if ((bytes[offset] & 0xFF) != 0xFF)
            {
                continue;
            }
            final MpegFrameHeader header = MpegFrameHeader.parse(readInt(bytes, offset));
            if (null != header && isChain(bytes, offset, header, windowReachesEof))
            {
                return fromFirstFrame(bytes, offset, header, audioRegionStart);
            }
        }
        throw new InputException(name + ": " + sniffProblem(bytes, audioRegionStart > 0));
    }

    private static long skipId3v2(final SeekableByteChannel channel, final String name, final long sizeBytes)
        throws IOException, InputException
    {
        long position = 0;
        final ByteBuffer header = ByteBuffer.allocate(ID3V2_HEADER_BYTES);
        for (int tags = 0; tags < MAX_ID3V2_TAGS && position + ID3V2_HEADER_BYTES <= sizeBytes; tags++)
        {
            header.clear();
            readFully(channel, position, header);
            final byte[] h = header.array();
            if (h[0] != 'I' || h[1] != 'D' || h[2] != '3' || (h[3] & 0xFF) == 0xFF || (h[4] & 0xFF) == 0xFF
                || ((h[6] | h[7] | h[8] | h[9]) & 0x80) != 0)
            {
                break;
            }
            final long bodyBytes = ((h[6] & 0x7FL) << 21) | ((h[7] & 0x7FL) << 14) | ((h[8] & 0x7FL) << 7)
                | (h[9] & 0x7FL);
            final long footerBytes = 0 != (h[5] & 0x10) ? ID3V2_HEADER_BYTES : 0;
            position += ID3V2_HEADER_BYTES + bodyBytes + footerBytes;
            if (position >= sizeBytes)
            {
                throw new InputException(name + ": ID3v2 tag of " + bodyBytes
                    + " bytes leaves no audio in the file");
            }
        }
        return position;
    }

    private static boolean isChain(final byte[] bytes, final int offset, final MpegFrameHeader first,
                                   final boolean windowReachesEof)
    {
        int position = offset;
        MpegFrameHeader current = first;
        for (int frame = 1; frame < CHAIN_FRAMES; frame++)
        {
            position += current.frameSizeBytes();
            if (windowReachesEof && position == bytes.length)
            {
                return true;
            }
            if (position + 4 > bytes.length)
            {
                return false;
            }
            final MpegFrameHeader next = MpegFrameHeader.parse(readInt(bytes, position));
            if (null == next || !first.isConsistentWith(next))
            {
                return false;
            }
            current = next;
        }
        return true;
    }

    private static Mp3Layout fromFirstFrame(final byte[] bytes, final int offset, final MpegFrameHeader header,
                                            final long regionStart)
    {
        final int frameEnd = Math.min(bytes.length, offset + header.frameSizeBytes());
        final int tag = offset + header.sideInfoEndOffset();
        if (tag + 8 <= frameEnd && (matches(bytes, tag, "Xing") || matches(bytes, tag, "Info")))
        {
            final int flags = readInt(bytes, tag + 4);
            int p = tag + 8;
            long frames = -1;
            if (0 != (flags & 1) && p + 4 <= frameEnd)
            {
                frames = readInt(bytes, p) & 0xFFFFFFFFL;
                p += 4;
            }
            p += 0 != (flags & 2) ? 4 : 0;
            p += 0 != (flags & 4) ? 100 : 0;
            p += 0 != (flags & 8) ? 4 : 0;
            final long audioStart = regionStart + offset + header.frameSizeBytes();
            final boolean vbr = matches(bytes, tag, "Xing");
            if (p + 24 <= frameEnd && (matches(bytes, p, "LAME") || matches(bytes, p, "Lavf")
                || matches(bytes, p, "Lavc")))
            {
                // 12 bits encoder delay then 12 bits padding, 21 bytes into the LAME extension
                final int b0 = bytes[p + 21] & 0xFF;
                final int b1 = bytes[p + 22] & 0xFF;
                final int b2 = bytes[p + 23] & 0xFF;
                final int delay = (b0 << 4) | (b1 >>> 4);
                final int padding = ((b1 & 0x0F) << 8) | b2;
                return new Mp3Layout(audioStart, header, frames, true, delay, padding, vbr);
            }
            return new Mp3Layout(audioStart, header, frames, false, 0, 0, vbr);
        }
        final int vbri = offset + 36;
        if (vbri + 18 <= frameEnd && matches(bytes, vbri, "VBRI"))
        {
            final long frames = readInt(bytes, vbri + 14) & 0xFFFFFFFFL;
            return new Mp3Layout(regionStart + offset + header.frameSizeBytes(), header, frames, false, 0, 0, true);
        }
        return new Mp3Layout(regionStart + offset, header, -1, false, 0, 0, false);
    }

    private static String sniffProblem(final byte[] bytes, final boolean afterId3)
    {
        final String noFrame = "no valid MPEG audio frame found in the first " + Math.min(bytes.length,
            SCAN_LIMIT_BYTES) + " bytes" + (afterId3 ? " after the ID3v2 tag" : "");
        if (bytes.length >= 12 && matches(bytes, 0, "RIFF") && matches(bytes, 8, "WAVE"))
        {
            return "not an MP3 file (it is a WAV file): " + noFrame;
        }
        if (bytes.length >= 4 && (matches(bytes, 0, "fLaC") || matches(bytes, 0, "OggS")))
        {
            return "not an MP3 file (it is " + (bytes[0] == 'f' ? "FLAC" : "Ogg") + "): " + noFrame;
        }
        if (looksLikeText(bytes))
        {
            return "not an MP3 file (it looks like text): " + noFrame;
        }
        return noFrame;
    }

    private static boolean looksLikeText(final byte[] bytes)
    {
        final int n = Math.min(bytes.length, 4096);
        for (int i = 0; i < n; i++)
        {
            final int b = bytes[i] & 0xFF;
            if (b < 0x09 || (b > 0x0D && b < 0x20) || 0x7F == b)
            {
                return false;
            }
        }
        return n > 0;
    }

    private static boolean matches(final byte[] bytes, final int offset, final String ascii)
    {
        final byte[] expected = ascii.getBytes(StandardCharsets.US_ASCII);
        if (offset + expected.length > bytes.length)
        {
            return false;
        }
        for (int i = 0; i < expected.length; i++)
        {
            if (bytes[offset + i] != expected[i])
            {
                return false;
            }
        }
        return true;
    }

    private static int readInt(final byte[] bytes, final int offset)
    {
        return ((bytes[offset] & 0xFF) << 24) | ((bytes[offset + 1] & 0xFF) << 16) | ((bytes[offset + 2] & 0xFF) << 8)
            | (bytes[offset + 3] & 0xFF);
    }

    private static void readFully(final SeekableByteChannel channel, final long position, final ByteBuffer into)
        throws IOException
    {
        channel.position(position);
        while (into.hasRemaining())
        {
            if (channel.read(into) < 0)
            {
                throw new IOException("unexpected end of file at " + channel.position());
            }
        }
    }
}
