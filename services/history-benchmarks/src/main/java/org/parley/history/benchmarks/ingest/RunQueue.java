package org.parley.history.benchmarks.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the service's threads and PostgreSQL's processes spent a stretch of wall time: on a CPU, waiting in the run
 * queue for one, or neither (blocked: on a socket, a lock, a disk). On a machine shared with other builds a thread
 * can be ready most of the time and still not run; JFR's samples count only the time it ran, so this is the other
 * half of where the time goes. Read from the kernel's {@code /proc/<pid>/task/<tid>/schedstat} (nanoseconds on a
 * CPU, nanoseconds waiting for one), which costs no process of its own.
 */
final class RunQueue {

    /** Per thread (service) or process (PostgreSQL): name, nanoseconds on a CPU, nanoseconds waiting for one. */
    private record Times(String name, long onCpu, long waiting) {}

    private final long servicePid;
    private final Path postmasterPid;
    private Map<String, Times> start;
    private long startedNanos;

    RunQueue(long servicePid, Path postgresDataDir) {
        this.servicePid = servicePid;
        this.postmasterPid = postgresDataDir.resolve("postmaster.pid");
    }

    void start() throws IOException {
        start = snapshot();
        startedNanos = System.nanoTime();
    }

    /** The busiest service threads one by one, then PostgreSQL's processes and the service's as a whole. */
    String summary() throws IOException {
        Map<String, Times> end = snapshot();
        double wall = System.nanoTime() - startedNanos;
        List<Times> service = new ArrayList<>();
        Times postgres = new Times("PostgreSQL, all its processes", 0, 0);
        Times all = new Times("the service, all its threads", 0, 0);
        for (Map.Entry<String, Times> entry : end.entrySet()) {
            Times was = start.getOrDefault(entry.getKey(), new Times("", 0, 0));
            Times now = entry.getValue();
            Times spent = new Times(now.name(), now.onCpu() - was.onCpu(), now.waiting() - was.waiting());
            if (entry.getKey().startsWith("pg:")) {
                postgres = add(postgres, spent);
            } else {
                service.add(spent);
                all = add(all, spent);
            }
        }
        service.sort((a, b) -> Long.compare(b.onCpu() + b.waiting(), a.onCpu() + a.waiting()));
        Map<String, String> javaNames = javaThreadNames();
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "run queue over %.1f s (share of the wall time on a CPU / waiting for one; the rest blocked):%n",
                wall / 1e9));
        for (Times times : service.subList(0, Math.min(8, service.size()))) {
            String tid = times.name()
                    .substring(times.name().lastIndexOf('(') + 1, times.name().length() - 1);
            out.append(
                    line(new Times(javaNames.getOrDefault(tid, times.name()), times.onCpu(), times.waiting()), wall));
        }
        out.append(line(all, wall)).append(line(postgres, wall));
        return out.toString();
    }

    /**
     * The kernel keeps only 15 characters of a thread's name ("EventProcessor[" for every processor), so the names
     * come from one thread dump: its {@code nid} is the kernel's thread id.
     */
    private Map<String, String> javaThreadNames() {
        Map<String, String> names = new HashMap<>();
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(servicePid), "Thread.print")
                    .redirectErrorStream(true)
                    .start();
            for (String line : new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList()) {
                Matcher thread = THREAD.matcher(line);
                if (thread.find()) {
                    names.put(Long.toString(Long.parseLong(thread.group(2), 16)), thread.group(1));
                }
            }
            dump.waitFor();
        } catch (IOException | InterruptedException | RuntimeException unnamed) {
            // the kernel's short names will do
        }
        return names;
    }

    private static final Pattern THREAD = Pattern.compile("^\"(.*)\" .*nid=0x([0-9a-f]+)");

    private static String line(Times times, double wall) {
        return String.format(
                Locale.ROOT,
                "  %-32s on a CPU %6.1f%%  waiting for one %6.1f%%%n",
                times.name(),
                100 * times.onCpu() / wall,
                100 * times.waiting() / wall);
    }

    private static Times add(Times sum, Times more) {
        return new Times(sum.name(), sum.onCpu() + more.onCpu(), sum.waiting() + more.waiting());
    }

    private Map<String, Times> snapshot() throws IOException {
        Map<String, Times> times = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + servicePid + "/task"))) {
            for (Path task : tasks) {
                read(task, "service:" + task.getFileName(), times);
            }
        }
        String postmaster = Files.readAllLines(postmasterPid).get(0).trim();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                String pid = process.getFileName().toString();
                if (pid.equals(postmaster) || postmaster.equals(parentOf(process))) {
                    read(process, "pg:" + pid, times);
                }
            }
        }
        return times;
    }

    private static String parentOf(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            // the name in parentheses may hold spaces; the fields after it are fixed: state, then the parent
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1];
        } catch (IOException | RuntimeException gone) {
            return "";
        }
    }

    private static void read(Path task, String key, Map<String, Times> into) {
        try {
            String[] fields = Files.readString(task.resolve("schedstat")).trim().split(" ");
            String name = Files.readString(task.resolve("comm")).trim();
            into.put(
                    key,
                    new Times(
                            name + " (" + task.getFileName() + ")",
                            Long.parseLong(fields[0]),
                            Long.parseLong(fields[1])));
        } catch (IOException | RuntimeException gone) {
            // a thread or backend that ended between listing and reading
        }
    }
}
