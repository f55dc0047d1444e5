package dev.azalia.player;

import dev.azalia.decode.AudioSource;
import dev.azalia.decode.InputException;
import dev.azalia.testbed.ProgressListener;
import dev.azalia.testbed.RunResult;

/**
 * Plays a decoded file to the chosen output. This is the seam where the emulated-card pipeline (PCI bus, HD-Audio
 * controller, driver, sound core, link) plugs into the player: {@link Main} calls exactly one implementation.
 */
public interface Playback
{
    /**
     * Plays the whole file ({@link PlayOptions#scenario()}: as many times as it says, with its idle times and
     * system suspend), blocking until the last frame reached the sink (or playback failed).
     * Called on the application thread, which also owns {@code decoder}: decode on it, never on a real-time thread.
     *
     * @param options  the command line.
     * @param decoder  the open input (decoded MP3 or WAV samples), positioned at its first frame; the caller closes
     *                 it.
     * @param progress told of progress at least once a second of audio, from any one thread; finished at the end.
     * @return what was measured.
     * @throws Exception {@link dev.azalia.decode.InputException} when the input turns out corrupt, anything
     *                   else for a playback failure (reported as exit status 1).
     */
    RunResult play(PlayOptions options, AudioSource decoder, ProgressListener progress) throws Exception;
}
