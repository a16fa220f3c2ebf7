package io.github.dingtalkauth.benchmarks;

import java.io.IOException;

/**
 * On a 2-core machine wrk and the server would fight for both cores. With {@code taskset} available, every thread of
 * this JVM (the server) moves to the last CPU and wrk runs on the others, so each measures with a core of its own.
 * {@code -Dbench.pin=off} leaves both to the scheduler.
 */
final class Pinning {
    private final String serverCpus;
    private final String loadCpus;
    private final int cpus;

    private Pinning(String serverCpus, String loadCpus, int cpus) {
        this.serverCpus = serverCpus;
        this.loadCpus = loadCpus;
        this.cpus = cpus;
    }

    static Pinning split() throws IOException, InterruptedException {
        int cpus = Runtime.getRuntime().availableProcessors();
        if (cpus < 2 || "off".equals(System.getProperty("bench.pin")) || !new java.io.File("/usr/bin/taskset").canExecute()) {
            return new Pinning(null, null, cpus);
        }
        String server = Integer.toString(cpus - 1);
        String load = cpus == 2 ? "0" : "0-" + (cpus - 2);
        taskset(server);
        return new Pinning(server, load, cpus);
    }

    String loadCpus() {
        return loadCpus;
    }

    String describe() {
        return serverCpus == null ? "No CPU pinning: wrk and the server share all " + cpus + " CPUs."
                : "CPU pinning (taskset): the server JVM on CPU " + serverCpus + ", wrk on CPU " + loadCpus
                        + ", so neither takes the other's core (other tenants of the machine still can).";
    }

    void undo() throws IOException, InterruptedException {
        if (serverCpus != null) {
            taskset("0-" + (cpus - 1));
        }
    }

    private static void taskset(String cpuList) throws IOException, InterruptedException {
        long pid = ProcessHandle.current().pid();
        Process p = new ProcessBuilder("taskset", "-a", "-p", "-c", cpuList, Long.toString(pid))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("taskset failed");
        }
    }
}
