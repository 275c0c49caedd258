package com.signalops.identity.web;

import com.signalops.identity.domain.SignedIn;
import com.signalops.identity.service.SignInService;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.Set;

/** Validates console credentials against SignalOps accounts, under the sign-in limits. */
@ApplicationScoped
public class SignalOpsIdentityStore implements IdentityStore {

    @EJB
    private SignInService signIn;

    @Inject
    private HttpServletRequest request;

    @Inject
    private SignInResult result;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential password)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        Optional<SignedIn> signedIn = signIn.signIn(password.getCaller(), password.getPassword().getValue(), request.getRemoteAddr());
        if (signedIn.isEmpty()) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        result.set(signedIn.get());
        return new CredentialValidationResult(new CallerPrincipal("user-" + signedIn.get().userId()),
                Set.of(SignalOpsAuthentication.CONSOLE_ROLE));
    }
}
