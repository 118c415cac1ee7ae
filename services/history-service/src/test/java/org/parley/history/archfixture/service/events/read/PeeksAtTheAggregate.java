package org.parley.history.archfixture.service.events.read;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.parley.history.archfixture.service.events.write.AnAggregate;

/** Breaks two rules: a read part that imports a write part, and Kafka outside streaming. */
public class PeeksAtTheAggregate {
    AnAggregate aggregate;
    ProducerRecord<String, String> record;
}
