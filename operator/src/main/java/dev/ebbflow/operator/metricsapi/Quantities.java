package dev.ebbflow.operator.metricsapi;

/**
 * Formats metric values as Kubernetes Quantity strings in the canonical DecimalSI form the API server
 * itself emits ("15", "1500m", "15k"), so the HPA parses exactly what it would get from KEDA.
 */
public final class Quantities {
    private static final String[] SUFFIXES = {"m", "", "k", "M", "G", "T", "P", "E"};

    private Quantities() {
    }

    /** Milli-units of a value, rounded to the nearest milli (a Quantity cannot carry finer precision here). */
    public static long toMilli(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("metric value must be a finite number, got " + value);
        }
        return Math.round(value * 1000.0);
    }

    /** Canonical DecimalSI text of {@code milli} thousandths: the largest SI exponent that keeps an integer mantissa. */
    public static String formatMilli(long milli) {
        if (milli == 0) {
            return "0";
        }
        boolean negative = milli < 0;
        // Work on the magnitude as a string of digits so Long.MIN_VALUE needs no special case.
        String digits = Long.toString(milli).replace("-", "");
        int exponent = -3;
        int end = digits.length();
        while (digits.charAt(end - 1) == '0') {
            end--;
            exponent++;
        }
        String mantissa = digits.substring(0, end);
        int siExponent = Math.floorDiv(exponent, 3) * 3;
        mantissa = mantissa + "0".repeat(exponent - siExponent);
        return (negative ? "-" : "") + mantissa + SUFFIXES[siExponent / 3 + 1];
    }
}
