package com.signalops.web.rest;

import com.signalops.identity.domain.Permission;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission a REST method needs from the caller's token. A method of the authenticated API
 * without it is refused (deny by default); {@link ApiAuthorization} enforces both.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RequiresPermission {

    /** The permission; {@link Permission#key()} names it in tokens. */
    Permission value();
}
