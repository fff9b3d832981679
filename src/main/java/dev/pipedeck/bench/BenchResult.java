package dev.pipedeck.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured figure.
 *
 * @param scenario the scenario number (1..5)
 * @param metric   what was measured, e.g. {@code "pipe / pg_recvlogical"}
 * @param value    the number, in {@code unit}
 * @param target   the target as text ({@code ">= 0.70"}), or empty when the figure only explains another
 * @param met      whether the target is met; null when there is no target
 */
public record BenchResult(int scenario, String metric, double value, String unit, String target, Boolean met) {
    public static BenchResult info(int scenario, String metric, double value, String unit) {
        return new BenchResult(scenario, metric, value, unit, "", null);
    }

    public static BenchResult atLeast(int scenario, String metric, double value, String unit, double target) {
        return new BenchResult(scenario, metric, value, unit, ">= " + format(target), value >= target);
    }

    public static BenchResult below(int scenario, String metric, double value, String unit, double target) {
        return new BenchResult(scenario, metric, value, unit, "< " + format(target), value < target);
    }

    public String valueText() {
        return format(value) + (unit.isEmpty() ? "" : " " + unit);
    }

    public String metText() {
        return met == null ? "" : met ? "met" : "MISSED";
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format("%,d", (long) v);
        }
        return Math.abs(v) >= 100 ? String.format("%,.0f", v) : String.format("%.2f", v);
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", scenario);
        m.put("metric", metric);
        m.put("value", value);
        m.put("unit", unit);
        m.put("target", target.isEmpty() ? null : target);
        m.put("met", met);
        return m;
    }
}
