package org.parley.history.service.database;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the {@link FailFastDataSource} in front of the pool, whichever configuration made it. */
@Configuration(proxyBeanMethods = false)
class DatabaseGateConfiguration {

    @Bean
    static BeanPostProcessor failFastDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof HikariDataSource pool ? new FailFastDataSource(pool) : bean;
            }
        };
    }
}
