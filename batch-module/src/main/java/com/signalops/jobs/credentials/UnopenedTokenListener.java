package com.signalops.jobs.credentials;

import com.signalops.integration.service.StoreTokenRekeying;
import jakarta.batch.api.chunk.listener.SkipProcessListener;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Named;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records a token the job could not reseal: its connection id and key version go to the log (the
 * step's process skip count counts them); the token stays as it is.
 */
@Named
@Dependent
public class UnopenedTokenListener implements SkipProcessListener {

    private static final Logger LOG = Logger.getLogger(UnopenedTokenListener.class.getName());

    @Override
    public void onSkipProcessItem(Object item, Exception cause) {
        StoreTokenRekeying.StaleToken stale = (StoreTokenRekeying.StaleToken) item;
        LOG.log(Level.WARNING, "credential-rekey: the token of store connection {0} (key version {1}) did not open and stays as it is: {2}",
                new Object[] {Long.toString(stale.connectionId()), Integer.toString(stale.sealed().keyVersion()), cause.getMessage()});
    }
}
