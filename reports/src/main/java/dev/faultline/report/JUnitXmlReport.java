package dev.faultline.report;

import dev.faultline.check.CheckResult;
import dev.faultline.check.Verdict;
import dev.faultline.result.ScenarioResult;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;

/**
 * JUnit XML (the surefire dialect CI systems read): a test suite per result file, a test case per
 * scenario and adapter; FAIL is a failure typed by its kind, UNKNOWN an error, SKIPPED skipped
 * with the reason. The failure text holds the evidence and the replay command.
 */
public final class JUnitXmlReport {
    private JUnitXmlReport() {
    }

    public static String render(Matrix matrix) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "faultline");
            writeCounts(xml, matrix.results());
            for (Leg leg : matrix.files()) {
                List<ScenarioResult> results = leg.run().results();
                xml.writeCharacters("\n  ");
                xml.writeStartElement("testsuite");
                xml.writeAttribute("name", "faultline " + leg.label());
                writeCounts(xml, results);
                xml.writeAttribute("timestamp", leg.run().startedAt());
                xml.writeCharacters("\n    ");
                xml.writeStartElement("properties");
                property(xml, "seed", Long.toString(leg.run().seed()));
                leg.run().host().forEach((k, v) -> property(xml, "host." + k, v));
                xml.writeEndElement();
                for (ScenarioResult r : results) {
                    testCase(xml, leg, r);
                }
                xml.writeCharacters("\n  ");
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("could not write JUnit XML", e);
        }
        return out.toString();
    }

    private static void writeCounts(XMLStreamWriter xml, List<ScenarioResult> results) throws XMLStreamException {
        xml.writeAttribute("tests", Integer.toString(results.size()));
        xml.writeAttribute("failures", Long.toString(count(results, Verdict.FAIL)));
        xml.writeAttribute("errors", Long.toString(count(results, Verdict.UNKNOWN)));
        xml.writeAttribute("skipped", Long.toString(count(results, Verdict.SKIPPED)));
        xml.writeAttribute("time", seconds(results.stream().mapToLong(ScenarioResult::durationMillis).sum()));
    }

    private static long count(List<ScenarioResult> results, Verdict verdict) {
        return results.stream().filter(r -> r.verdict() == verdict).count();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    private static void property(XMLStreamWriter xml, String name, String value) {
        try {
            xml.writeCharacters("\n      ");
            xml.writeEmptyElement("property");
            xml.writeAttribute("name", name);
            xml.writeAttribute("value", value);
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void testCase(XMLStreamWriter xml, Leg leg, ScenarioResult r) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", "faultline." + leg.slug() + "." + r.adapter().replaceAll("[^A-Za-z0-9_-]+", "_"));
        xml.writeAttribute("name", r.scenario());
        xml.writeAttribute("time", seconds(r.durationMillis()));
        switch (r.verdict()) {
            case FAIL -> problem(xml, "failure", r.kind().name(), r);
            case UNKNOWN -> problem(xml, "error", "UNKNOWN", r);
            case SKIPPED -> {
                xml.writeEmptyElement("skipped");
                xml.writeAttribute("message", r.reason());
            }
            default -> {
            }
        }
        xml.writeEndElement();
    }

    private static void problem(XMLStreamWriter xml, String element, String type, ScenarioResult r) throws XMLStreamException {
        xml.writeStartElement(element);
        xml.writeAttribute("type", type);
        xml.writeAttribute("message", r.reason());
        StringBuilder text = new StringBuilder("replay: ").append(Matrix.replayCommand(r)).append('\n');
        for (CheckResult c : r.checks()) {
            if (!c.verdict().isAcceptable()) {
                text.append(c.checker()).append(": ").append(c.summary()).append('\n');
                c.evidence().stream().limit(20).forEach(e -> text.append("    ").append(e).append('\n'));
            }
        }
        xml.writeCharacters(text.toString());
        xml.writeEndElement();
    }
}
