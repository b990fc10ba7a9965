package io.streamgate.gateway.verify;

import java.util.Locale;

import io.streamgate.gateway.source.SourceKind;
import io.streamgate.gateway.source.SourceProperties;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link VerifiableWebhook}; sources of other kinds pass untouched. */
class VerifiableWebhookValidator implements ConstraintValidator<VerifiableWebhook, SourceProperties> {

    @Override
    public boolean isValid(SourceProperties source, ConstraintValidatorContext context) {
        if (source == null || source.kind() != SourceKind.WEBHOOK) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        boolean valid = true;
        VerifyProperties verify = source.verify();
        if (verify.scheme() == null) {
            valid = violation(context, "verify.scheme", "a webhook source must name its verification scheme "
                    + "(github, stripe, standard-webhooks, shopify, slack, hmac-sha256, or none to accept "
                    + "unsigned requests)");
        } else if (verify.scheme() != VerifyScheme.NONE) {
            valid = secretsDecode(verify, context);
        }
        for (String header : source.headers()) {
            String name = header.toLowerCase(Locale.ROOT);
            if (name.startsWith("ce_") || name.equals("content-type")) {
                valid = violation(context, "headers", "'" + header + "' would shadow a header of the record "
                        + "contract (ce_*, content-type)");
            }
        }
        return valid;
    }

    private static boolean secretsDecode(VerifyProperties verify, ConstraintValidatorContext context) {
        String scheme = verify.scheme().name().toLowerCase(Locale.ROOT).replace('_', '-');
        if (verify.secrets().isEmpty()) {
            return violation(context, "verify.secrets", "scheme " + scheme + " needs at least one secret");
        }
        for (int i = 0; i < verify.secrets().size(); i++) {
            Secret secret = verify.secrets().get(i);
            if (secret == null || secret.value() == null || secret.value().isBlank()) {
                return violation(context, "verify.secrets", "secret #" + i + " is blank");
            }
            try {
                Keys.decode(verify.scheme(), secret);
            } catch (IllegalArgumentException e) {
                // the message names the secret's position, never its value
                return violation(context, "verify.secrets", "secret #" + i + " is not whsec_ followed by base64");
            }
        }
        return true;
    }

    private static boolean violation(ConstraintValidatorContext context, String property, String message) {
        context.buildConstraintViolationWithTemplate(message.replace("{", "\\{").replace("$", "\\$"))
                .addPropertyNode(property).addConstraintViolation();
        return false;
    }
}
