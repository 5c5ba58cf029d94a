package io.capstan.docker;

import com.github.dockerjava.transport.SSLConfig;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import java.security.SecureRandom;

/**
 * The TLS set-up for an engine on a unix socket. docker-java's transport always
 * prepares TLS, and without a context of its own it loads the JDK's default one, trust store included: a
 * noticeable part of every command's start. This context is never used; if it were, it says why it refuses.
 */
final class NoTls implements SSLConfig {
    static final NoTls INSTANCE = new NoTls();

    private static final SSLContext REFUSING = new SSLContext(new Refusing(), null, "none") {
    };

    private NoTls() {
    }

    @Override
    public SSLContext getSSLContext() {
        return REFUSING;
    }

    private static final class Refusing extends SSLContextSpi {
        private static UnsupportedOperationException refused() {
            return new UnsupportedOperationException("TLS is not configured for this engine endpoint: set DOCKER_TLS_VERIFY and DOCKER_CERT_PATH to use it");
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) {
            throw refused();
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw refused();
        }
    }
}
