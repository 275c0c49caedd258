package com.signalops.ai.service;

import com.signalops.ai.domain.ModelFailure;
import com.signalops.ai.domain.ModelProvider;
import com.signalops.ai.domain.SuggestionAnswer;
import com.signalops.approvals.domain.Person;
import com.signalops.shared.BusinessException;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * AI suggestions from a revenue-leak finding: with the workspace's AI switch on and a model provider configured, a
 * person who may make segments and campaigns and ask for approvals gets a segment and an email draft proposed by the
 * model, filed as a campaign of source AI awaiting approval by someone else. Personal data is replaced by references
 * before the prompt leaves and put back in the answer here; what was sent and received is kept as bounded previews with
 * hashes ({@code ai_exchange}). The model is asked with no database transaction open. The proposal only ever enters the
 * approval queue: nothing here approves, sends or exports.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class AiSuggestions {

    private static final Logger LOG = Logger.getLogger(AiSuggestions.class.getName());

    /** What a suggestion became: its exchange, the segment and campaign of source AI, and the pending approval request. */
    public record Suggestion(long exchangeId, long segmentId, long campaignId, long approvalRequestId) {
    }

    @EJB
    private AiSuggestionSteps steps;

    @Inject
    private ConfiguredModelProvider configured;

    private Supplier<Optional<ModelProvider>> providers = () -> configured.provider();

    /**
     * Asks the model for a segment and an email draft from finding {@code findingId} for {@code who}, and files them for
     * approval.
     *
     * @throws BusinessException when not allowed ({@code ai.not-allowed}), AI is off ({@code ai.off},
     *         {@code ai.not-configured}, {@code ai.misconfigured}), or the model failed or proposed nothing valid
     *         ({@code ai.failed}: recorded as a FAILED exchange)
     */
    public Suggestion suggest(Person who, long findingId) {
        Optional<ModelProvider> provider = providers.get();
        Prepared prepared = steps.prepare(who, findingId, provider.isPresent());
        ModelProvider model = provider.orElseThrow();
        String answer = null;
        SuggestionAnswer proposal;
        try {
            answer = model.complete(prepared.prompt().messages());
            proposal = SuggestionAnswer.parse(answer, findingId, prepared.prompt().variants()).restore(prepared.pseudonymizer());
        } catch (ModelFailure failure) {
            steps.failed(who, prepared, model.model(), answer, failure.getMessage());
            throw failure;
        }
        try {
            return steps.propose(who, prepared, model.model(), answer, proposal);
        } catch (BusinessException refused) {
            LOG.log(Level.INFO, "an AI proposal on finding {0} was refused: {1}", new Object[] {findingId, refused.code()});
            steps.failed(who, prepared, model.model(), answer, "the proposal was refused: " + refused.getMessage());
            throw refused;
        }
    }

    /** For tests outside the container: the steps and the provider to use. */
    void use(AiSuggestionSteps steps, Supplier<Optional<ModelProvider>> providers) {
        this.steps = steps;
        this.providers = providers;
    }
}
