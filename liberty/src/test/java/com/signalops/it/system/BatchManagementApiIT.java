package com.signalops.it.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.signalops.it.support.Https;
import com.signalops.it.support.SignalOpsSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The batch roles are granted to the application's own calls (docs/decisions); Liberty's batch
 * management REST API must still serve nobody without credentials.
 */
@ExtendWith(SignalOpsSystem.class)
class BatchManagementApiIT {

    @Test
    void batchRestApiRequiresAuthentication() {
        assertEquals(401, Https.get("/ibm/api/batch/jobinstances").statusCode());
        assertEquals(401, Https.get("/ibm/api/batch/jobexecutions/1").statusCode());
    }
}
