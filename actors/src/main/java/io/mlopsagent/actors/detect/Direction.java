package io.mlopsagent.actors.detect;

/** Where a value lies against its baseline, once it is beyond what the detector treats as noise. */
public enum Direction {
  ABOVE,
  BELOW,
  NONE
}
