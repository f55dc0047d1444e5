/**
 * Conformance of Azalia's driver and device model to a real Linux capture: readers for the mmiotrace, the annotated
 * merged trace and the HDA tracepoint text ({@link dev.azalia.conformance.TraceFiles}), the stream parameters and
 * scenario of a capture ({@link dev.azalia.conformance.ScenarioExtractor}), phase splitting
 * ({@link dev.azalia.conformance.PhaseSplitter}), per-phase alignment and figures
 * ({@link dev.azalia.conformance.PhaseComparator}), the verdict with its allowed differences
 * ({@link dev.azalia.conformance.AllowedDifferences}) and the text report
 * ({@link dev.azalia.conformance.ConformanceReport}). Pure: reads text, computes, formats; no threads, no I/O except
 * the readers'.
 */
package dev.azalia.conformance;
