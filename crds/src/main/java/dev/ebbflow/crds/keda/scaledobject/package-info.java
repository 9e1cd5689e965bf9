/** KEDA's ScaledObject ({@code so}): spec, status and their parts. */
package dev.ebbflow.crds.keda.scaledobject;
