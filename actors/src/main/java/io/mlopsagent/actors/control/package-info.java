/**
 * What operators switch by hand, across the cluster: a model or the whole fleet paused (the kill
 * switch), and the audit trail of every change made through the admin API.
 */
package io.mlopsagent.actors.control;
