/**
 * {@code ebbflow catalog}: instance-type catalogs in the shared file format, exported from a cloud so
 * that users can edit them and load them back (a SimulatedNodeClass's ConfigMap, {@code ebbflow simulate}).
 */
package dev.ebbflow.operator.cli.catalog;
