package org.parley.history.service.provenance.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.document.JsonDocument;
import jakarta.json.JsonArray;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.history.service.seeding.SeedLoader;
import org.parley.history.service.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The provenance documents over HTTP, read the way a newsroom's tool would: expanded by a real JSON-LD processor
 * (Titanium) and turned into RDF, then asked for the triples PROV-O and schema.org consumers query.
 */
class ProvenanceDocumentsIT extends IntegrationTest {

    private static final String RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
    private static final String PROV = "http://www.w3.org/ns/prov#";
    private static final String SCHEMA = "https://schema.org/";
    private static final String XSD = "http://www.w3.org/2001/XMLSchema#";

    private static final String EVENT = "urn:parley:event:bennett-mediation";
    private static final String UKRAINIAN_OFFICIAL =
            "urn:parley:account:bennett-mediation.ukrainian-official-on-bennett-2022-03";
    private static final String PRIVY_SOURCES =
            "urn:parley:account:bennett-mediation.sources-privy-to-bennett-meeting-2022-03";

    @Autowired
    SeedLoader seeds;

    @BeforeEach
    void seedsLoadedAndRead() {
        seeds.load();
        awaitReadModel();
    }

    @Test
    void bennetts_mediation_as_of_january_2023_is_two_claims_from_two_independent_origins() throws Exception {
        List<String> triples = triples("/api/events/bennett-mediation/provenance?asOf=2023-01-31");

        List<String> claims = subjectsOfType(triples, SCHEMA + "Claim");
        assertThat(claims).containsExactlyInAnyOrder(UKRAINIAN_OFFICIAL, PRIVY_SOURCES);
        for (String claim : claims) {
            assertThat(triples)
                    .contains(triple(claim, RDF_TYPE, PROV + "Entity"))
                    .contains(triple(claim, SCHEMA + "about", EVENT));
        }
        String official = "urn:parley:source:ukrainian-official-on-bennett-2022-03";
        String privy = "urn:parley:source:sources-privy-to-bennett-meeting-2022-03";
        assertThat(objects(triples, UKRAINIAN_OFFICIAL, PROV + "wasDerivedFrom"))
                .containsExactly(official);
        assertThat(objects(triples, UKRAINIAN_OFFICIAL, SCHEMA + "firstAppearance"))
                .containsExactly(official);
        assertThat(objects(triples, PRIVY_SOURCES, SCHEMA + "appearance")).containsExactly(privy);
        // two origins: neither source derives from anything the ledger holds
        assertThat(objects(triples, official, PROV + "wasDerivedFrom")).isEmpty();
        assertThat(objects(triples, privy, PROV + "wasDerivedFrom")).isEmpty();
        assertThat(triples)
                .contains(triple(official, RDF_TYPE, SCHEMA + "CreativeWork"))
                .contains(literal(official, SCHEMA + "datePublished", "2022-03", XSD + "gYearMonth"))
                .contains(literal(official, "urn:parley:vocab:publicationPrecision", "MONTH", XSD + "string"))
                .contains(literal(official, "urn:parley:vocab:publicationBasis", "INFERRED", XSD + "string"));

        String recording =
                objects(triples, UKRAINIAN_OFFICIAL, PROV + "wasGeneratedBy").get(0);
        assertThat(triples).contains(triple(recording, RDF_TYPE, PROV + "Activity"));
        String recorder =
                objects(triples, recording, PROV + "wasAssociatedWith").get(0);
        assertThat(triples)
                .contains(triple(recorder, RDF_TYPE, PROV + "Agent"))
                .contains(literal(recorder, SCHEMA + "name", SeedLoader.RECORDER, XSD + "string"));
        assertThat(objects(triples, UKRAINIAN_OFFICIAL, PROV + "generatedAtTime"))
                .singleElement()
                .asString()
                .endsWith("^^" + XSD + "dateTime");
        assertThat(objects(triples, UKRAINIAN_OFFICIAL, "urn:parley:vocab:reportedFrom"))
                .containsExactly("\"2022-03-31T23:59:59.999999Z\"^^" + XSD + "dateTime");
        assertThat(String.join("\n", triples)).doesNotContain("bennett-interview-2023");
        String path = "/api/events/bennett-mediation/provenance?asOf=2023-01-31";
        assertThat(get(path).getBody())
                .as("the same question, the same bytes")
                .isEqualTo(get(path).getBody());
    }

    @Test
    void a_narratives_provenance_is_a_collection_of_its_accounts_with_the_republication_quoted_from_its_original()
            throws Exception {
        List<String> triples = triples("/api/narratives/west-blocked-settlement/provenance?asOf=2024-01-01");

        String narrative = "urn:parley:narrative:west-blocked-settlement";
        String snider = "urn:parley:source:seed-001-global-research-snider";
        assertThat(triples)
                .contains(triple(narrative, RDF_TYPE, PROV + "Collection"))
                .contains(triple(
                        narrative, PROV + "hadMember", "urn:parley:account:bennett-mediation.bennett-interview-2023"))
                .contains(triple(snider, PROV + "wasQuotedFrom", "urn:parley:source:tac-snider-2023-08-16"))
                .contains(triple(snider, PROV + "wasDerivedFrom", "urn:parley:source:bennett-interview-2023"))
                .contains(triple(snider, SCHEMA + "isBasedOn", "urn:parley:source:bennett-interview-2023"));
        String outlet = objects(triples, snider, SCHEMA + "publisher").get(0);
        assertThat(triples)
                .contains(triple(outlet, RDF_TYPE, PROV + "Organization"))
                .contains(triple(snider, PROV + "wasAttributedTo", outlet));
        assertThat(subjectsOfType(triples, SCHEMA + "Claim"))
                .as("the narrative does not select seed 000")
                .noneMatch(claim -> claim.endsWith(".seed-000-near-miss-peace-talks"));
    }

    @Test
    void an_unknown_event_is_a_problem_naming_it() {
        ResponseEntity<String> answer = get("/api/events/no-such-event/provenance");

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(answer.getBody()).contains("eventId");
    }

    /** The document as JSON-LD, expanded and turned into N-Quads-like triples by Titanium (graph names dropped). */
    private List<String> triples(String path) throws Exception {
        ResponseEntity<String> answer = get(path);
        assertThat(answer.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
        assertThat(answer.getHeaders().getContentType().isCompatibleWith(MediaType.valueOf("application/ld+json")))
                .isTrue();
        JsonArray expanded = JsonLd.expand(JsonDocument.of(new StringReader(answer.getBody())))
                .get();
        assertThat(expanded).isNotEmpty();
        List<String> triples = new ArrayList<>();
        JsonLd.toRdf(JsonDocument.of(new StringReader(answer.getBody())))
                .provide((subject, predicate, object, datatype, language, direction, graph) -> {
                    triples.add(
                            datatype == null
                                    ? triple(subject, predicate, object)
                                    : literal(subject, predicate, object, datatype));
                    return null;
                });
        return triples;
    }

    private ResponseEntity<String> get(String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(List.of(MediaType.valueOf("application/ld+json")));
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    private static String triple(String subject, String predicate, String object) {
        return subject + " " + predicate + " " + object;
    }

    private static String literal(String subject, String predicate, String value, String datatype) {
        return subject + " " + predicate + " \"" + value + "\"^^" + datatype;
    }

    private static List<String> subjectsOfType(List<String> triples, String type) {
        return triples.stream()
                .filter(t -> t.endsWith(" " + RDF_TYPE + " " + type))
                .map(t -> t.substring(0, t.indexOf(' ')))
                .distinct()
                .toList();
    }

    private static List<String> objects(List<String> triples, String subject, String predicate) {
        String prefix = subject + " " + predicate + " ";
        return triples.stream()
                .filter(t -> t.startsWith(prefix))
                .map(t -> t.substring(prefix.length()))
                .distinct()
                .toList();
    }
}
