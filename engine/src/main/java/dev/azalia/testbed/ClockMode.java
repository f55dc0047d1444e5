package dev.azalia.testbed;

/** What paces playback ({@code --clock}). */
public enum ClockMode
{
    /** The wall clock (and, for a real line, the device): playback takes as long as the audio. */
    REAL,
    /** A virtual clock stepped as fast as the CPU allows; deterministic. The default for {@code wav:} output. */
    VIRTUAL
}
