package io.cachedjobs.support;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/** Races for tests: calls made from several threads released together. */
public final class AtOnce {

    private AtOnce() {}

    /** {@code threads} threads, released together, each calling {@code calls} times; every answer. */
    public static <T> List<T> run(int threads, int calls, Supplier<T> call) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<List<T>>> futures = IntStream.range(0, threads)
                    .mapToObj(thread -> CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    start.await();
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                    throw new IllegalStateException(e);
                                }
                                return IntStream.range(0, calls)
                                        .mapToObj(i -> call.get())
                                        .toList();
                            },
                            pool))
                    .toList();
            start.countDown();
            return futures.stream().flatMap(future -> future.join().stream()).toList();
        } finally {
            pool.shutdownNow();
        }
    }
}
