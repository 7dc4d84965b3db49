package io.isengard.server.peers;

/** A peer's answer to an upload: its HTTP status and body. */
record PeerAnswer(int status, byte[] body) {
}
