package dev.faultline.gatling;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.util.List;
import java.util.Map;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Incident 004's audit traffic: events ingested at a steady 120 per second (its QPS) while
 * queries by correlation id run at 20 per second, for 15 s; write p99 within 450 ms and query p99 within
 * 500 ms (the incident's objectives), nothing failing.
 */
public class SustainedIngestSimulation extends Simulation {
    static final long WRITE_P99_MS = 450;
    static final long QUERY_P99_MS = 500;

    private final ServiceUnderLoad service = new ServiceUnderLoad("sustained-ingest", List.of("004_0387ef3492c0e37a"));

    private final HttpProtocolBuilder protocol = http.baseUrl(service.url()).contentTypeHeader("application/json").disableWarmUp();

    private final ScenarioBuilder writers = scenario("ingest")
            .feed(Events.feeder("audit", 512, 7))
            .exec(http("post event").post("/events")
                    .body(StringBody("{\"correlationId\":\"audit-#{eventId}\",\"eventId\":\"#{eventId}\",\"payload\":\"#{payload}\"}"))
                    .check(status().is(202), responseTimeInMillis().saveAs("rt")))
            .exec(service.record("put"));

    private final ScenarioBuilder readers = scenario("query")
            .exec(http("query by correlation id").get("/events?correlationId=audit-audit-1&limit=100")
                    .check(status().is(200), responseTimeInMillis().saveAs("rt")))
            .exec(service.record("get"));

    {
        setUp(writers.injectOpen(constantUsersPerSec(120).during(15)), readers.injectOpen(constantUsersPerSec(20).during(15)))
                .protocols(protocol)
                .assertions(global().failedRequests().count().is(0L),
                        details("post event").responseTime().percentile(99.0).lt((int) WRITE_P99_MS),
                        details("query by correlation id").responseTime().percentile(99.0).lt((int) QUERY_P99_MS));
    }

    @Override
    public void after() {
        try {
            service.writeResult(Map.of("put", WRITE_P99_MS, "get", QUERY_P99_MS));
            service.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
