package org.parley.history.benchmarks.read;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU seconds (user + system) used so far by one process, and by all PostgreSQL server processes together, read
 * from /proc (Linux only; 0 elsewhere). The difference over a phase says where its time went: the service's JVM or
 * the database.
 */
final class CpuTime {

    /** Clock ticks per second for /proc/[pid]/stat: 100 on every Linux this runs on. */
    private static final double TICKS = 100.0;

    private CpuTime() {}

    static double ofProcess(long pid) {
        return ticks(Path.of("/proc", Long.toString(pid), "stat")) / TICKS;
    }

    static double ofPostgres() {
        double total = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String name = process.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                Path stat = process.resolve("stat");
                try {
                    String line = Files.readString(stat);
                    if (line.contains("(postgres)")) {
                        total += ticks(stat);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return total / TICKS;
    }

    private static long ticks(Path stat) {
        try {
            String line = Files.readString(stat);
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": state is field 0, utime 11, stime 12
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
