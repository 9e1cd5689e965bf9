package dev.ebbflow.operator.simulate.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SimulatedQueueTest {

    @Test
    void consumesInArrivalOrderAndMeasuresEachMessagesWait() {
        SimulatedQueue q = new SimulatedQueue();
        q.arrive(0, 10);
        q.arrive(1, 10);
        assertThat(q.consume(1, 4, 1)).isEqualTo(4);   // 4 of step 0's messages, waited 1 step
        assertThat(q.backlog()).isEqualTo(16);
        assertThat(q.inFlight()).isEqualTo(4);
        q.arrive(2, 10);
        assertThat(q.consume(3, 100, 1)).isEqualTo(26); // 6 waited 3 steps, 10 waited 2, 10 waited 1
        assertThat(q.backlog()).isZero();
        assertThat(q.oldestStep()).isEqualTo(-1);
        WaitHistogram w = q.waits();
        assertThat(w.total()).isEqualTo(30);
        assertThat(w.quantileSteps(0.0)).isEqualTo(1);
        assertThat(w.quantileSteps(0.5)).isEqualTo(2);  // 14 messages waited 1 step, the 15th waited 2
        assertThat(w.quantileSteps(0.95)).isEqualTo(3);
        assertThat(w.maxSteps()).isEqualTo(3);
        assertThat(q.arrivedTotal()).isEqualTo(30);
        assertThat(q.consumedTotal()).isEqualTo(30);
    }

    @Test
    void messagesTakenInTheirOwnStepDidNotWait() {
        SimulatedQueue q = new SimulatedQueue();
        for (int step = 0; step < 1000; step++) {
            q.arrive(step, 3);
            q.consume(step, 5, 5);
        }
        assertThat(q.waits().maxSteps()).isZero();
        assertThat(q.inFlight()).isEqualTo(0.6);
    }

    @Test
    void keepsOrderAcrossManyCohorts() {
        SimulatedQueue q = new SimulatedQueue();
        for (int step = 0; step < 5000; step++) {
            q.arrive(step, 1);
        }
        assertThat(q.oldestStep()).isZero();
        q.consume(5000, 2500, 1);
        assertThat(q.oldestStep()).isEqualTo(2500);
        assertThat(q.waits().maxSteps()).isEqualTo(5000);
        assertThat(q.waits().quantileSteps(1.0)).isEqualTo(5000);
        assertThat(q.backlog()).isEqualTo(2500);
    }

    @Test
    void poissonDrawsAreSeededAndAverageToTheMean() {
        ArrivalNoise a = new ArrivalNoise(7);
        ArrivalNoise b = new ArrivalNoise(7);
        double sumSmall = 0;
        double sumLarge = 0;
        for (int i = 0; i < 20_000; i++) {
            double x = a.draw(3);
            assertThat(x).isEqualTo(b.draw(3));
            sumSmall += x;
            sumLarge += a.draw(500);
            b.draw(500);
        }
        assertThat(sumSmall / 20_000).isBetween(2.9, 3.1);
        assertThat(sumLarge / 20_000).isBetween(495.0, 505.0);
        assertThat(a.draw(0)).isZero();
    }
}
