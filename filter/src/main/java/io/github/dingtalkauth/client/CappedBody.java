package io.github.dingtalkauth.client;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Collects a response body of at most {@code cap} bytes. A larger body (announced or streamed) cancels the
 * subscription, which closes the connection, instead of buffering whatever the other side sends. {@link #cancel()}
 * lets the caller abandon a body that trickles in past the deadline.
 */
final class CappedBody implements HttpResponse.BodyHandler<byte[]> {

    /** The body was larger than the cap. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException() {
            super("response body larger than the cap", null);
        }
    }

    private final int cap;
    private final AtomicReference<Subscriber> current = new AtomicReference<>();

    CappedBody(int cap) {
        this.cap = cap;
    }

    @Override
    public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
        long announced = info.headers().firstValueAsLong("content-length").orElse(-1);
        Subscriber subscriber = new Subscriber(cap, announced > cap);
        current.set(subscriber);
        return subscriber;
    }

    void cancel() {
        Subscriber subscriber = current.get();
        if (subscriber != null) {
            subscriber.abandon();
        }
    }

    private static final class Subscriber implements HttpResponse.BodySubscriber<byte[]> {
        private final int cap;
        private final boolean tooLargeAlready;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private volatile Flow.Subscription subscription;

        Subscriber(int cap, boolean tooLargeAlready) {
            this.cap = cap;
            this.tooLargeAlready = tooLargeAlready;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (tooLargeAlready) {
                s.cancel();
                result.completeExceptionally(new TooLargeException());
            } else {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                if (buffer.size() + item.remaining() > cap) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLargeException());
                    return;
                }
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                buffer.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(buffer.toByteArray());
        }

        void abandon() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            result.cancel(false);
        }
    }
}
