package com.signalops.identity.web;

import com.signalops.identity.domain.SignedIn;
import jakarta.enterprise.context.RequestScoped;

/** Hands the signed-in user from the identity store to the sign-in page within one request. */
@RequestScoped
public class SignInResult {

    private SignedIn signedIn;

    void set(SignedIn value) {
        this.signedIn = value;
    }

    SignedIn get() {
        return signedIn;
    }
}
