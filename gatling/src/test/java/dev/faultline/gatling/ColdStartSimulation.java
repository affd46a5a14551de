package dev.faultline.gatling;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Incidents 002 and 004: the first requests after a restart. 5,000 events are stored, the service
 * is restarted (cold: it replays its spill and meets its database anew), then one query at once
 * and 50 more over 5 s; the first answers within 2 s, the rest within the 500 ms query objective.
 */
public class ColdStartSimulation extends Simulation {
    static final long FIRST_MS = 2000;
    static final long QUERY_P99_MS = 500;

    private final ServiceUnderLoad service = populatedThenRestarted();

    private final HttpProtocolBuilder protocol = http.baseUrl(service.url()).disableWarmUp();

    private final ScenarioBuilder first = scenario("first query")
            .exec(http("first query").get("/events?correlationId=cold&limit=100").check(status().is(200), responseTimeInMillis().saveAs("rt")))
            .exec(service.record("first"));

    private final ScenarioBuilder later = scenario("later queries")
            .exec(http("query").get("/events?correlationId=cold&limit=100").check(status().is(200), responseTimeInMillis().saveAs("rt")))
            .exec(service.record("get"));

    {
        setUp(first.injectOpen(atOnceUsers(1)), later.injectOpen(rampUsers(50).during(5)))
                .protocols(protocol)
                .assertions(global().failedRequests().count().is(0L),
                        details("first query").responseTime().max().lt((int) FIRST_MS),
                        details("query").responseTime().percentile(99.0).lt((int) QUERY_P99_MS));
    }

    private static ServiceUnderLoad populatedThenRestarted() {
        ServiceUnderLoad s = new ServiceUnderLoad("cold-start", List.of("002_e9ea86e380ed0d02", "004_0387ef3492c0e37a"));
        try {
            HttpClient client = HttpClient.newHttpClient();
            for (int batch = 0; batch < 10; batch++) {
                StringBuilder body = new StringBuilder("{\"correlationId\":\"cold\",\"events\":[");
                for (int i = 0; i < 500; i++) {
                    body.append(i == 0 ? "" : ",").append("{\"eventId\":\"e-").append(batch * 500 + i).append("\",\"payload\":\"").append("x".repeat(200)).append("\"}");
                }
                body.append("]}");
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(s.url() + "/events/batch"))
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 202) {
                    throw new IllegalStateException("populating the service: HTTP " + r.statusCode() + " " + r.body());
                }
            }
            s.restart();
            return s;
        } catch (Exception e) {
            try {
                s.close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void after() {
        try {
            service.writeResult(Map.of("first", FIRST_MS, "get", QUERY_P99_MS));
            service.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
