/**
 * The Hazelcast cluster transport of WS Socket: a server with the option {@code cluster-name} and
 * this module on its class path joins a Hazelcast cluster, and its applications reach the others
 * through {@code io.wssocket.cluster.Cluster}.
 */
package io.wssocket.hazelcast;
