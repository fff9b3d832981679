package dev.pipedeck.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How many pipes one worker should hold so that the live workers share them evenly: the smallest level {@code t}
 * such that every worker holding {@code min(its --max-pipes, t)} pipes covers them all ("water filling"); with no
 * limits that is {@code ceil(pipes / workers)}. Every worker computes the same level from the same catalog reading.
 * Capacity short of the pipes (every worker at its --max-pipes) leaves the rest unowned until a worker joins.
 */
final class PipeShare {
    private PipeShare() {}

    /**
     * @param pipes      pipes to share
     * @param capacities {@code --max-pipes} of every live worker (null: no limit), including {@code me}
     * @param me         this worker's id; when it is not (yet) among them it counts as one more worker
     * @param myMax      this worker's own --max-pipes (null: none)
     */
    static int limit(int pipes, Map<String, Integer> capacities, String me, Integer myMax) {
        List<Integer> caps = new ArrayList<>();
        capacities.forEach((id, cap) -> {
            if (!id.equals(me)) {
                caps.add(cap);
            }
        });
        caps.add(myMax);
        int highestCap = caps.stream().mapToInt(c -> c == null ? Integer.MAX_VALUE : c).max().orElse(0);
        int level = 0;
        // raise the level until the workers cover every pipe, or until raising it adds nothing (all are full)
        while (covered(caps, level) < pipes && level < highestCap) {
            level++;
        }
        return myMax == null ? level : Math.min(myMax, level);
    }

    private static long covered(List<Integer> caps, int level) {
        long sum = 0;
        for (Integer c : caps) {
            sum += c == null ? level : Math.min(c, level);
        }
        return sum;
    }
}
