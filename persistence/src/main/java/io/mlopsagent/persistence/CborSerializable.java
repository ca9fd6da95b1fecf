package io.mlopsagent.persistence;

/**
 * Marker for every message, event and snapshot that crosses a process boundary or lands in the
 * journal. The binding to Jackson CBOR lives in this module's {@code reference.conf}, so any module
 * that depends on persistence serializes its marked types the same way.
 */
public interface CborSerializable {}
