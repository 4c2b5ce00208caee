package org.depconsole.appleapi;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A scriptable stand-in for Apple on MockWebServer: {@code GET /session} hands out {@code SESSION-SECRET-n},
 * scripted answers per "METHOD /path" come first, then the fallback.
 */
final class FakeApple extends Dispatcher {

    final AtomicInteger sessionsIssued = new AtomicInteger();
    final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<MockResponse>> scripted = new ConcurrentHashMap<>();
    volatile Function<RecordedRequest, MockResponse> fallback = r -> text(404, "NOT_FOUND");
    volatile Duration sessionDelay = Duration.ZERO;

    static String session(int n) {
        return "SESSION-SECRET-" + n;
    }

    FakeApple script(String methodAndPath, MockResponse... responses) {
        Deque<MockResponse> q = scripted.computeIfAbsent(methodAndPath, k -> new ArrayDeque<>());
        synchronized (q) {
            q.addAll(List.of(responses));
        }
        return this;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        String key = request.getMethod() + " " + request.getUrl().encodedPath();
        Deque<MockResponse> q = scripted.get(key);
        if (q != null) {
            synchronized (q) {
                if (!q.isEmpty()) {
                    return q.poll();
                }
            }
        }
        if (key.equals("GET /session")) {
            int n = sessionsIssued.incrementAndGet();
            return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                    .body("{\"auth_session_token\":\"" + session(n) + "\"}")
                    .headersDelay(sessionDelay.toMillis(), TimeUnit.MILLISECONDS).build();
        }
        return fallback.apply(request);
    }

    List<RecordedRequest> requestsTo(String methodAndPath) {
        return requests.stream().filter(r -> (r.getMethod() + " " + r.getUrl().encodedPath()).equals(methodAndPath)).toList();
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    static MockResponse text(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "text/plain").body(body).build();
    }
}
