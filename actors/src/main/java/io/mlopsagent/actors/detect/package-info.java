/**
 * Per-model streaming detectors: pure decision logic, no actors, no I/O, no clock.
 *
 * <p>{@link io.mlopsagent.actors.detect.ModelBaselines} is the whole detector state of one model
 * (it goes into the entity's snapshot); {@link
 * io.mlopsagent.actors.detect.ModelBaselines#observe} scores one window against that state, applies
 * the {@link io.mlopsagent.actors.detect.Thresholds} and returns the next state as a {@link
 * io.mlopsagent.actors.detect.DetectionStep}.
 */
package io.mlopsagent.actors.detect;
