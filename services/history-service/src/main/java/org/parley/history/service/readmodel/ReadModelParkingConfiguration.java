package org.parley.history.service.readmodel;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** The read model's processor parks what it cannot apply, and says so in its metrics. */
@Configuration(proxyBeanMethods = false)
class ReadModelParkingConfiguration {

    @Bean
    ReadModelIsolation readModelIsolation(
            ReadModelBatches batches, ParkedReadModelEvents parked, PlatformTransactionManager transactions) {
        return ReadModelIsolation.of(batches, parked, transactions);
    }

    /**
     * A handler's failure must reach the isolation rather than Axon's default, which logs it and moves on with the
     * event half written; a failed batch is noted before Axon retries it.
     */
    @Bean
    ConfigurerModule readModelProcessorParking(ObjectProvider<ReadModelIsolation> isolation) {
        String processor = ReadModelBatches.PROCESSING_GROUP;
        return configurer -> configurer
                .eventProcessing()
                .registerListenerInvocationErrorHandler(processor, configuration -> PropagatingErrorHandler.instance())
                .registerErrorHandler(
                        processor, configuration -> isolation.getObject().errorHandler())
                .registerHandlerInterceptor(
                        processor, configuration -> isolation.getObject().interceptor());
    }

    /** Counted in the database, so that every instance reports the same number, whichever parked the event. */
    @Bean
    MeterBinder readModelParkedGauge(ParkedReadModelEvents parked) {
        return registry -> Gauge.builder("parley.read_model.parked", parked, ParkedReadModelEvents::countOrNaN)
                .description("Ledger events the read model could not apply and parked; answers are marked"
                        + " degraded while any is")
                .baseUnit("events")
                .register(registry);
    }
}
