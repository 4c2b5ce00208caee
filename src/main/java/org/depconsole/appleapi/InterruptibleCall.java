package org.depconsole.appleapi;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One HTTP exchange for the Apple clients (DEP and Apple Business): it runs on OkHttp's dispatcher and the calling
 * thread waits for it, so an interrupt or a closed client cancels the call at once instead of waiting for a blocked
 * socket read. Both end in {@link CancelledException}.
 */
public final class InterruptibleCall {

    /** Reads what the caller needs from a response; the response is closed afterwards. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(Response response) throws IOException;
    }

    private InterruptibleCall() {
    }

    public static <T> T execute(OkHttpClient http, Request request, Reader<T> reader, BooleanSupplier closed) throws IOException {
        Call call = http.newCall(request);
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            call.enqueue(new Callback() {
                @Override
                public void onFailure(Call c, IOException e) {
                    result.completeExceptionally(e);
                }

                @Override
                public void onResponse(Call c, Response response) {
                    try (response) {
                        result.complete(reader.read(response));
                    } catch (IOException | RuntimeException e) {
                        result.completeExceptionally(e);
                    }
                }
            });
        } catch (RuntimeException e) {
            if (closed.getAsBoolean()) {
                throw new CancelledException(); // the dispatcher was shut down by the client's close()
            }
            throw e;
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            call.cancel();
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } catch (ExecutionException e) {
            if (call.isCanceled() || closed.getAsBoolean()) {
                throw new CancelledException();
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("HTTP exchange failed", e.getCause());
        }
    }
}
