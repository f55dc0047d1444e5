/**
 * The HD-Audio controller driver, modelled on Linux {@code snd_hda_intel} and {@code snd_hda_codec}: two-phase
 * probe, chip init and stop, the CORB/RIRB command transport with its fallbacks, the codec register cache, the
 * interrupt handler, stream programming, PCM operations, mixer controls, unsolicited-event work and runtime PM.
 */
package dev.azalia.driver;
