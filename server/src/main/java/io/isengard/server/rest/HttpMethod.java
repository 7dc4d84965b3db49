package io.isengard.server.rest;

/** The methods of Orthanc's REST API, in the order of the Allow header. */
public enum HttpMethod {
    GET, POST, PUT, DELETE
}
