package org.parley.history.service.commands;

import org.hibernate.validator.HibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;
import org.hibernate.validator.cfg.GenericConstraintDef;
import org.hibernate.validator.cfg.context.PropertyConstraintMappingContext;
import org.hibernate.validator.cfg.defs.MinDef;
import org.hibernate.validator.cfg.defs.NotBlankDef;
import org.hibernate.validator.cfg.defs.NotNullDef;
import org.hibernate.validator.cfg.defs.PatternDef;
import org.hibernate.validator.cfg.defs.SizeDef;
import org.hibernate.validator.cfg.defs.URLDef;
import org.parley.history.contract.command.CorrectAccount;
import org.parley.history.contract.command.CorrectFlag;
import org.parley.history.contract.command.DefineNarrative;
import org.parley.history.contract.command.FlagAccount;
import org.parley.history.contract.command.LinkEvents;
import org.parley.history.contract.command.RecordAccount;
import org.parley.history.contract.command.RegisterSource;
import org.parley.history.contract.command.ReportDiplomaticEvent;
import org.parley.history.contract.command.RetractAccount;
import org.parley.history.contract.command.RetractFlag;
import org.parley.history.contract.command.ReviseNarrative;
import org.parley.history.contract.value.AccountClaims;
import org.parley.history.contract.value.Citation;
import org.parley.history.contract.value.Moment;
import org.parley.history.contract.value.NarrativeSelection;
import org.parley.history.contract.value.OccurredTime;
import org.parley.history.contract.value.Publication;

/**
 * The shape every command must have before it reaches an aggregate: required fields, id syntax, length and size
 * limits, text a source could contain ({@link SourceText}, on every text field and every element of a list), and the
 * rules contract values state about themselves. Declared here, with Hibernate Validator's
 * programmatic mapping, because the contract module carries no framework annotations.
 */
public final class CommandConstraints {

    public static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._:-]*";
    public static final int ID_MAX = 128;
    public static final int TITLE_MAX = 500;
    public static final int TEXT_MAX = 4000;
    public static final int QUOTE_MAX = 300;
    public static final int LOCATOR_MAX = 200;
    public static final int NAME_MAX = 300;
    public static final int URL_MAX = 2000;
    public static final int LIST_MAX = 200;

    private CommandConstraints() {}

    public static ConstraintMapping mapping(HibernateValidatorConfiguration configuration) {
        ConstraintMapping mapping = configuration.createConstraintMapping();

        PropertyConstraintMappingContext source =
                mapping.type(RegisterSource.class).field("sourceId");
        id(source);
        text(source.field("title"), TITLE_MAX).constraint(new NotBlankDef());
        text(source.field("outlet"), NAME_MAX);
        names(source.field("authors"));
        source.field("kind").constraint(new NotNullDef());
        source.field("publication").constraint(new NotNullDef()).valid();
        source.field("url")
                .constraint(new SizeDef().max(URL_MAX))
                .constraint(new URLDef().regexp("^https?:.*"))
                .constraint(sourceText());
        source.field("language")
                .constraint(new PatternDef().regexp("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*"))
                .constraint(sourceText());
        optionalId(source.field("republicationOf"));
        ids(source.field("restsOn"));

        PropertyConstraintMappingContext report =
                mapping.type(ReportDiplomaticEvent.class).field("eventId");
        id(report);
        report.field("kind").constraint(new NotNullDef());
        text(report.field("title"), TITLE_MAX).constraint(new NotBlankDef());
        citation(report.field("citation"));

        PropertyConstraintMappingContext account =
                mapping.type(RecordAccount.class).field("eventId");
        id(account);
        id(account.field("accountId"));
        citation(account.field("citation"));
        account.field("claims").constraint(new NotNullDef()).valid();
        version(account.field("expectedVersion"));

        PropertyConstraintMappingContext correction =
                mapping.type(CorrectAccount.class).field("eventId");
        id(correction);
        id(correction.field("accountId"));
        id(correction.field("correctionId"));
        citation(correction.field("citation"));
        correction.field("claims").constraint(new NotNullDef()).valid();
        correction.field("reported").valid();
        text(correction.field("reason"), TEXT_MAX);
        version(correction.field("expectedVersion"));

        PropertyConstraintMappingContext retraction =
                mapping.type(RetractAccount.class).field("eventId");
        id(retraction);
        id(retraction.field("accountId"));
        id(retraction.field("retractionId"));
        citation(retraction.field("citation"));
        retraction.field("reported").valid();
        text(retraction.field("reason"), TEXT_MAX);
        version(retraction.field("expectedVersion"));

        PropertyConstraintMappingContext link = mapping.type(LinkEvents.class).field("eventId");
        id(link);
        id(link.field("linkId"));
        link.field("relation").constraint(new NotNullDef());
        id(link.field("targetEventId"));
        citation(link.field("citation"));
        optionalId(link.field("accountId"));
        version(link.field("expectedVersion"));

        PropertyConstraintMappingContext flag = mapping.type(FlagAccount.class).field("eventId");
        id(flag);
        id(flag.field("accountId"));
        id(flag.field("flagId"));
        citation(flag.field("citation"));
        text(flag.field("reason"), TEXT_MAX).constraint(new NotBlankDef());
        version(flag.field("expectedVersion"));

        PropertyConstraintMappingContext flagCorrection =
                mapping.type(CorrectFlag.class).field("eventId");
        id(flagCorrection);
        id(flagCorrection.field("flagId"));
        id(flagCorrection.field("correctionId"));
        citation(flagCorrection.field("citation"));
        text(flagCorrection.field("reason"), TEXT_MAX).constraint(new NotBlankDef());
        version(flagCorrection.field("expectedVersion"));

        PropertyConstraintMappingContext flagRetraction =
                mapping.type(RetractFlag.class).field("eventId");
        id(flagRetraction);
        id(flagRetraction.field("flagId"));
        id(flagRetraction.field("retractionId"));
        citation(flagRetraction.field("citation"));
        text(flagRetraction.field("reason"), TEXT_MAX).constraint(new NotBlankDef());
        version(flagRetraction.field("expectedVersion"));

        PropertyConstraintMappingContext definition =
                mapping.type(DefineNarrative.class).field("narrativeId");
        id(definition);
        text(definition.field("title"), TITLE_MAX).constraint(new NotBlankDef());
        text(definition.field("description"), TEXT_MAX);
        definition.field("selection").constraint(new NotNullDef()).valid();

        PropertyConstraintMappingContext revision =
                mapping.type(ReviseNarrative.class).field("narrativeId");
        id(revision);
        id(revision.field("revisionId"));
        text(revision.field("title"), TITLE_MAX).constraint(new NotBlankDef());
        text(revision.field("description"), TEXT_MAX);
        revision.field("selection").constraint(new NotNullDef()).valid();
        version(revision.field("expectedVersion"));

        PropertyConstraintMappingContext citation = mapping.type(Citation.class).field("sourceId");
        id(citation);
        text(citation.field("locator"), LOCATOR_MAX).constraint(new NotBlankDef());
        text(citation.field("quote"), QUOTE_MAX);

        mapping.type(Publication.class)
                .constraint(new GenericConstraintDef<>(ContractRule.class))
                .field("time")
                .valid()
                .field("note")
                .constraint(new SizeDef().max(TEXT_MAX))
                .constraint(sourceText());
        mapping.type(Moment.class)
                .constraint(new GenericConstraintDef<>(ContractRule.class))
                .field("value")
                .constraint(new SizeDef().max(64))
                .constraint(sourceText());
        mapping.type(OccurredTime.class)
                .constraint(new GenericConstraintDef<>(ContractRule.class))
                .field("from")
                .valid()
                .field("to")
                .valid();

        PropertyConstraintMappingContext claims = mapping.type(AccountClaims.class)
                .constraint(new GenericConstraintDef<>(ContractRule.class))
                .field("occurred")
                .valid();
        text(claims.field("place"), NAME_MAX);
        names(claims.field("participants"));
        for (String field : new String[] {"proposed", "agreed", "refused", "outcome", "summary"}) {
            text(claims.field(field), TEXT_MAX);
        }

        PropertyConstraintMappingContext selection = mapping.type(NarrativeSelection.class)
                .constraint(new GenericConstraintDef<>(ContractRule.class))
                .field("sourceIds");
        ids(selection);
        names(selection.field("outlets"));
        ids(selection.field("accountIds"));
        ids(selection.field("linkIds"));
        return mapping;
    }

    private static PropertyConstraintMappingContext id(PropertyConstraintMappingContext field) {
        return optionalId(field.constraint(new NotBlankDef()));
    }

    private static PropertyConstraintMappingContext optionalId(PropertyConstraintMappingContext field) {
        return field.constraint(new SizeDef().max(ID_MAX))
                .constraint(idSyntax())
                .constraint(sourceText());
    }

    private static PropertyConstraintMappingContext ids(PropertyConstraintMappingContext field) {
        field.constraint(new SizeDef().max(LIST_MAX))
                .containerElementType()
                .constraint(new NotBlankDef())
                .constraint(new SizeDef().max(ID_MAX))
                .constraint(idSyntax())
                .constraint(sourceText());
        return field;
    }

    private static PropertyConstraintMappingContext names(PropertyConstraintMappingContext field) {
        field.constraint(new SizeDef().max(LIST_MAX))
                .containerElementType()
                .constraint(new NotBlankDef())
                .constraint(new SizeDef().max(NAME_MAX))
                .constraint(sourceText());
        return field;
    }

    private static PropertyConstraintMappingContext text(PropertyConstraintMappingContext field, int max) {
        return field.constraint(new SizeDef().max(max)).constraint(sourceText());
    }

    private static void citation(PropertyConstraintMappingContext field) {
        field.constraint(new NotNullDef()).valid();
    }

    private static void version(PropertyConstraintMappingContext field) {
        field.constraint(new MinDef().value(0));
    }

    private static GenericConstraintDef<SourceText> sourceText() {
        return new GenericConstraintDef<>(SourceText.class);
    }

    private static PatternDef idSyntax() {
        return new PatternDef()
                .regexp(ID_PATTERN)
                .message("must start with a letter or digit and contain only letters, digits, '.', '_', ':' or '-'");
    }
}
