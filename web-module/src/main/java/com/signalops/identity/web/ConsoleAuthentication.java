package com.signalops.identity.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;

/** The console signs in through its own Faces login page; pages that need a user send the browser there. */
@CustomFormAuthenticationMechanismDefinition(
        loginToContinue = @LoginToContinue(loginPage = "/login.xhtml", errorPage = "", useForwardToLogin = false))
@ApplicationScoped
public class ConsoleAuthentication {

    /** The role every signed-in console user has; what they may do comes from their SignalOps role. */
    public static final String CONSOLE_ROLE = "console";
}
