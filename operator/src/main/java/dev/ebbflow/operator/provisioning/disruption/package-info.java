/**
 * Voluntary disruption: emptiness ({@code consolidationPolicy} WhenEmpty, and the empty case of
 * WhenEmptyOrUnderutilized) within the NodePool's disruption budgets (counts, percentages rounded up,
 * cron schedules with durations, reasons). The decisions are pure and take explicit instants.
 */
package dev.ebbflow.operator.provisioning.disruption;
