/**
 * Metrics shared by the probes, the player's report and the benchmarks: percentile summaries of HdrHistogram
 * histograms.
 */
package dev.azalia.metrics;
