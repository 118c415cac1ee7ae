package org.parley.history.service.commands;

import org.hibernate.validator.HibernateValidatorConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

@Configuration(proxyBeanMethods = false)
class ValidationConfiguration {

    @Bean
    LocalValidatorFactoryBean validator() {
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        validator.setConfigurationInitializer(configuration -> {
            HibernateValidatorConfiguration hibernate = (HibernateValidatorConfiguration) configuration;
            hibernate.addMapping(CommandConstraints.mapping(hibernate));
        });
        return validator;
    }
}
