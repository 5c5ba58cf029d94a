import io.capstan.stack.StackGenerator;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Times the in-process generate step (load, discover, render, write, swap) of one stack project.
 * Usage: java -cp CAPSTAN_CLASSPATH bench/GenerateBench.java CONFIG RUNS — prints the median in milliseconds.
 */
public class GenerateBench {
    public static void main(String[] args) {
        Path config = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        StackGenerator generator = new StackGenerator(Map.of(), false);
        for (int i = 0; i < 3; i++) {
            generator.generate(config); // warm-up: class loading and JIT
        }
        double[] millis = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            generator.generate(config);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        System.out.printf("%.0f%n", millis[runs / 2]);
    }
}
