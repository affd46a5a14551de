package dev.faultline.gatling;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import java.util.List;
import java.util.Map;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Incidents 003 and 004's write storm over HTTP: 150 events at one instant, a pause, then three
 * bursts of 100; every event answered 202, the slowest within 5 s (incident 004: a burst of 150
 * acknowledged within 5 s).
 */
public class WriteStormSimulation extends Simulation {
    static final long P99_BOUND_MS = 5000;

    private final ServiceUnderLoad service = new ServiceUnderLoad("write-storm", List.of("003_548bb7b6adec85a8", "004_0387ef3492c0e37a"));

    private final HttpProtocolBuilder protocol = http.baseUrl(service.url()).contentTypeHeader("application/json")
            .disableWarmUp(); // Gatling's warm-up calls an outside host; the service is on loopback

    private final ScenarioBuilder storm = scenario("write storm")
            .feed(Events.feeder("storm", 1024, 42))
            .exec(http("post event").post("/events")
                    .body(StringBody("{\"correlationId\":\"storm\",\"eventId\":\"#{eventId}\",\"payload\":\"#{payload}\"}"))
                    .check(status().is(202), responseTimeInMillis().saveAs("rt")))
            .exec(service.record("put"));

    {
        setUp(storm.injectOpen(atOnceUsers(150), nothingFor(1), atOnceUsers(100), atOnceUsers(100), atOnceUsers(100)))
                .protocols(protocol)
                .assertions(global().failedRequests().count().is(0L), global().responseTime().percentile(99.0).lt((int) P99_BOUND_MS));
    }

    @Override
    public void after() {
        try {
            service.writeResult(Map.of("put", P99_BOUND_MS));
            service.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
