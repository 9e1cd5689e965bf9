/** KEDA's ScaledJob ({@code sj}): spec, status and their parts; the Job template is fabric8's batch/v1 JobSpec. */
package dev.ebbflow.crds.keda.scaledjob;
