/**
 * Kernel tracepoints: the events Linux's {@code snd_hda_intel} and HDA core emit through ftrace
 * ({@code hda_send_cmd}, {@code hda_get_response}, {@code azx_pcm_*}, {@code azx_get_position},
 * {@code snd_hdac_stream_start/stop}, {@code azx_suspend/resume}), recorded in ftrace's text format by
 * {@link dev.azalia.kernel.trace.FtraceRecorder} on the same clock as the mmiotrace, so the two files merge by time
 * as a real capture's do. {@link dev.azalia.kernel.trace.Tracepoints#off()} is the default: it records nothing and
 * allocates nothing.
 */
package dev.azalia.kernel.trace;
