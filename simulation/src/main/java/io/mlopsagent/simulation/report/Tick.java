package io.mlopsagent.simulation.report;

/** A tick on a chart axis: where it is (pixels along the axis) and what it reads. */
record Tick(double at, String label) {}
