package io.wssocket.cdi.app;

import io.wssocket.cdi.SessionClosed;
import io.wssocket.cdi.SessionOpened;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

@ApplicationScoped
public class SessionEventLog {
    void opened(@Observes SessionOpened event) {
        Lifecycle.record("opened " + event.path() + " " + event.session().getId());
    }

    void closed(@Observes SessionClosed event) {
        Lifecycle.record("closed " + event.path() + " " + event.session().getId() + " "
                + event.reason().getCloseCode().getCode());
    }
}
