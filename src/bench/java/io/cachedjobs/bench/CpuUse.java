package io.cachedjobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time the processes of a benchmark run have used, from Linux's {@code /proc}: the service's
 * JVM, PostgreSQL (its postmaster and every process it started) and this driver, the clients. On
 * a machine whose cores all three share, what each call costs each of them bounds how many calls
 * the machine can answer, whatever the waits.
 */
final class CpuUse {

    /**
     * CPU seconds used so far (or over a span, as a difference) by each party; {@code compiling}
     * is the part of the service's that its JIT compiler threads used.
     */
    record Seconds(double service, double database, double client, double compiling) {
        Seconds minus(Seconds earlier) {
            return new Seconds(
                    service - earlier.service,
                    database - earlier.database,
                    client - earlier.client,
                    compiling - earlier.compiling);
        }

        Seconds plus(Seconds more) {
            return new Seconds(
                    service + more.service, database + more.database, client + more.client, compiling + more.compiling);
        }
    }

    private static final Path PROC = Path.of("/proc");
    /** Linux's clock ticks per second for {@code /proc/<pid>/stat} times; 100 on every common build. */
    private static final double TICKS = ticksPerSecond();

    private final long service;
    private final long postmaster;
    private final long client = ProcessHandle.current().pid();

    /**
     * @param service the service's process
     * @param backend any PostgreSQL backend of the database (for example {@code pg_backend_pid()}):
     *     its parent, the postmaster, and the postmaster's children are counted
     */
    CpuUse(long service, long backend) {
        this.service = service;
        this.postmaster = available() ? parent(backend) : -1;
    }

    /** Whether this machine tells processes' CPU times (Linux); elsewhere the benchmark prints none. */
    static boolean available() {
        return Files.isReadable(PROC.resolve("self").resolve("stat"));
    }

    Seconds now() {
        return new Seconds(cpu(service), database(), cpu(client), compiling());
    }

    /**
     * The service's threads named by HotSpot's JIT compilers ("C1 CompilerThread0", cut to 15
     * characters); NaN where its threads cannot be listed.
     */
    private double compiling() {
        double total = 0;
        try (Stream<Path> threads =
                Files.list(PROC.resolve(Long.toString(service)).resolve("task"))) {
            for (Path thread : threads.toList()) {
                String stat = read(thread.resolve("stat"));
                String name = stat.isEmpty() ? "" : stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                    total += cpu(fields(stat));
                }
            }
        } catch (IOException unreadable) {
            return Double.NaN;
        }
        return total;
    }

    private double database() {
        double total = cpu(postmaster);
        try (Stream<Path> processes = Files.list(PROC)) {
            for (Path process : processes.toList()) {
                String name = process.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit) && parent(Long.parseLong(name)) == postmaster) {
                    total += cpu(Long.parseLong(name));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + PROC, e);
        }
        return total;
    }

    /** User plus system time of a process, in seconds; 0 for a process that has ended. */
    private static double cpu(long pid) {
        return cpu(fields(stat(pid)));
    }

    private static double cpu(List<String> fields) {
        return fields.isEmpty() ? 0 : (Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12))) / TICKS;
    }

    private static long parent(long pid) {
        List<String> fields = fields(stat(pid));
        return fields.isEmpty() ? -1 : Long.parseLong(fields.get(1));
    }

    private static String stat(long pid) {
        return read(PROC.resolve(Long.toString(pid)).resolve("stat"));
    }

    /**
     * The fields of a {@code /proc/<pid>/stat} (or a thread's) after the command's name (which may
     * hold spaces and parentheses itself): state, parent, ..., user time (11), system time (12).
     */
    private static List<String> fields(String stat) {
        return stat.isEmpty()
                ? List.of()
                : List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
    }

    /** The file's text; empty for a process or thread that has ended. */
    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException ended) {
            return "";
        }
    }

    private static double ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
            String ticks = new String(getconf.getInputStream().readAllBytes()).trim();
            return getconf.waitFor() == 0 ? Double.parseDouble(ticks) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
