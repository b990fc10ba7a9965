package io.streamgate.gateway.verify;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * On a source's properties: a webhook source names its verification scheme, has at least one secret for any scheme
 * but {@code none}, every secret decodes for its scheme, and its header allowlist does not shadow a contract header.
 * Each violation names the offending key ({@code verify.scheme}, {@code verify.secrets}, {@code headers}) and never
 * a secret's value.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = VerifiableWebhookValidator.class)
public @interface VerifiableWebhook {

    String message() default "is not a valid webhook source";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
