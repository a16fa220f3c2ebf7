package io.github.dingtalkauth.security.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds threads still busy with DingTalk after the callbacks that used them have been answered.
 *
 * <p>The filter's HTTP client runs on its own executor, whose threads are named {@value #CLIENT_THREAD_PREFIX}N. The
 * JDK client is non-blocking (one selector thread does the socket I/O), so those threads only ever run short
 * completion tasks; between tasks a cached-pool thread waits for work in {@code ThreadPoolExecutor.getTask}. So
 * "idle" is defined by where the thread is, not by timing: WAITING or TIMED_WAITING with {@code getTask} on its
 * stack. Anything else (RUNNABLE, BLOCKED, parked in a future or a body subscriber) is busy. Every other thread,
 * Jetty's request threads included, must have no frame in the filter's back channel
 * ({@code io.github.dingtalkauth.client}) or its callback handler: a request thread found there after every response
 * was sent is one the deadline failed to free.
 *
 * <p>Connections are judged from the other end, since the JDK client keeps its sockets to itself: an emulator thread
 * still inside a streaming fault ({@code FaultScene.drip} or {@code sendPadded}) is still being read from. When the
 * filter abandons a response it closes the connection, and the emulator's next write or two fail and end the fault,
 * long before a drip runs out. Everything is polled for a few seconds, which absorbs a task that is just finishing
 * without making the check depend on how fast the machine is.
 */
final class ClientThreads {
    static final String CLIENT_THREAD_PREFIX = "dingtalk-auth-http-";

    private ClientThreads() {
    }

    /**
     * The emulator threads streaming an answer right now. A test takes this before its own faults and passes it to
     * {@link #busyAfter}, so that an emulator some other test class left running is not blamed on this one.
     */
    static Set<Thread> streamingNow() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> Arrays.stream(e.getValue()).anyMatch(ClientThreads::isStreamingToAClient))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    /** What is still busy after waiting at most {@code patience}; empty when everything went idle. */
    static List<String> busyAfter(Duration patience, Set<Thread> streamingBefore) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        List<String> busy = busyNow(streamingBefore);
        while (!busy.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            busy = busyNow(streamingBefore);
        }
        return busy;
    }

    /** The filter's client threads that exist right now (idle or not). */
    static List<String> clientThreadNames() {
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(name -> name.startsWith(CLIENT_THREAD_PREFIX))
                .sorted()
                .toList();
    }

    private static List<String> busyNow(Set<Thread> streamingBefore) {
        List<String> busy = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
            Thread thread = entry.getKey();
            StackTraceElement[] stack = entry.getValue();
            if (thread == Thread.currentThread() || !thread.isAlive()) {
                continue;
            }
            if (thread.getName().startsWith(CLIENT_THREAD_PREFIX)) {
                Thread.State state = thread.getState();
                boolean waiting = state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
                boolean inPool = Arrays.stream(stack).anyMatch(frame ->
                        frame.getClassName().equals("java.util.concurrent.ThreadPoolExecutor")
                                && frame.getMethodName().equals("getTask"));
                if (!(waiting && inPool)) {
                    busy.add(describe(thread, stack));
                }
            } else if (Arrays.stream(stack).anyMatch(ClientThreads::isBackChannel)) {
                busy.add(describe(thread, stack));
            } else if (Arrays.stream(stack).anyMatch(ClientThreads::isStreamingToAClient)
                    && !streamingBefore.contains(thread)) {
                busy.add("connection still open and read: " + describe(thread, stack));
            }
        }
        return busy;
    }

    private static boolean isBackChannel(StackTraceElement frame) {
        String type = frame.getClassName();
        return type.startsWith("io.github.dingtalkauth.client.")
                || type.equals("io.github.dingtalkauth.flow.CallbackHandler");
    }

    private static boolean isStreamingToAClient(StackTraceElement frame) {
        return frame.getClassName().equals("io.github.dingtalkauth.emulator.FaultScene")
                && (frame.getMethodName().equals("drip") || frame.getMethodName().equals("sendPadded"));
    }

    private static String describe(Thread thread, StackTraceElement[] stack) {
        return thread.getName() + " " + thread.getState() + "\n    at " + Arrays.stream(stack).limit(25)
                .map(String::valueOf).collect(Collectors.joining("\n    at "));
    }
}
