/**
 * The ALSA-like sound core: a {@link dev.azalia.sound.Card} with a power state, in-flight references and managed
 * resources; PCM devices ({@link dev.azalia.sound.Pcm}) whose {@link dev.azalia.sound.PcmSubstream} runs the ALSA
 * state machine, the {@code hw_ptr}/{@code appl_ptr} ring arithmetic, blocking {@code writei}, drain, xrun handling,
 * {@code periodElapsed} and {@code syncStop}; and mixer {@link dev.azalia.sound.ControlElement}s.
 *
 * <p>Threads: the <em>application</em> thread calls the file operations of a substream (one thread per open
 * substream, like one file descriptor); the driver's <em>interrupt</em> thread calls
 * {@link dev.azalia.sound.PcmSubstream#periodElapsed()}; quiesce code (suspend, disconnect) may run on any other
 * thread. Errors are reported as {@link dev.azalia.sound.SoundException} carrying a Linux
 * {@link dev.azalia.sound.Errno}.
 *
 * <p>The card's parts are package-private: its power gate ({@code CardPowerGate}), control interface
 * ({@code CardControls}), open files and device lock ({@code CardFiles}), managed resources ({@code CardResources})
 * and PCM device list ({@code CardPcms}). So are a substream's: {@code PcmSubstream} is the ioctl surface over
 * the pointers and their {@code snd_pcm_update_hw_ptr0} arithmetic ({@code PcmPointers}), the position updates and
 * xruns ({@code PcmHwPtrUpdater}), the states and transitions ({@code PcmStateMachine}), open/hw_params/prepare/
 * hw_free/close and sw_params ({@code PcmSetup}), start/drop/pause/suspend/resume ({@code PcmActions}), writei and
 * drain ({@code PcmTransfer}), the no-progress waits ({@code PcmSleeper}) and the locked reads ({@code PcmStatus}).
 *
 * <p>May use: {@code dev.azalia.pci} (DMA memory), {@code dev.azalia.device}, {@code dev.azalia.time},
 * {@code dev.azalia.log}. Used by the driver and above; it does not use the driver, hda or anything above.
 */
package dev.azalia.sound;
