package io.isengard.dicom.net;

/**
 * The handlers of an association, by service; null = service not offered
 * (a request for it aborts the association, as Orthanc does for commands it
 * does not support). C-ECHO defaults to answering success.
 */
public record ServiceHandlers(Handlers.Echo echo, Handlers.Store store, Handlers.Find find, Handlers.Move move,
        Handlers.Get get) {

    public static final Handlers.Echo ECHO_SUCCESS = (association, request) -> io.isengard.dicom.net.dimse.Status.SUCCESS;

    /** Just C-ECHO. */
    public static ServiceHandlers echoOnly() {
        return new ServiceHandlers(ECHO_SUCCESS, null, null, null, null);
    }

    public ServiceHandlers withStore(Handlers.Store h) {
        return new ServiceHandlers(echo, h, find, move, get);
    }

    public ServiceHandlers withFind(Handlers.Find h) {
        return new ServiceHandlers(echo, store, h, move, get);
    }

    public ServiceHandlers withMove(Handlers.Move h) {
        return new ServiceHandlers(echo, store, find, h, get);
    }

    public ServiceHandlers withGet(Handlers.Get h) {
        return new ServiceHandlers(echo, store, find, move, h);
    }
}
