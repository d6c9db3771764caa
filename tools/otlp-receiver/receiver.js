#!/usr/bin/env node
/*
 * Test-only OTLP receiver for the tests of several modules (started by
 * scouter-tracing/src/test/java/io/scouter/tracing/otlp/OtlpReceiver.java).
 *
 * Runs Elastic's @elastic/mockotlpserver (a third-party OTLP decoder: protobufjs for OTLP/HTTP protobuf,
 * JSON.parse for OTLP/HTTP JSON, @grpc/grpc-js for OTLP/gRPC) on 127.0.0.1 with free ports and prints
 * one JSON line per event on stdout:
 *
 *   {"event":"ready","http":"http://127.0.0.1:<port>/","grpc":"http://127.0.0.1:<port>/"}
 *   {"event":"request","transport":"http"|"grpc","path":"/v1/traces","headers":{...}}
 *   {"event":"grpc-wire","path":"...","grpcEncoding":"gzip"|null,"compressedFlag":0|1}
 *                                                           raw HTTP/2 facts grpc-js hides from the application:
 *                                                           the grpc-encoding header and the first message's
 *                                                           compressed flag
 *   {"event":"trace","data":<normalizeTrace(request)>}      hex ids, enum names, attributes as a map
 *   {"event":"error","message":"..."}                        a request it could not decode (it keeps running)
 *
 * Its own log lines go to stderr. SIGTERM (or stdin closing) closes the servers and exits 0.
 */
'use strict';

const http2 = require('http2');

function emit(obj) {
    process.stdout.write(JSON.stringify(obj) + '\n');
}

// grpc-js strips grpc-encoding from the metadata it hands over, so look at the HTTP/2 streams themselves to tell
// whether a client really compressed. grpc-js creates its server with http2.createServer; observe, change nothing.
const createHttp2Server = http2.createServer;
http2.createServer = function (...args) {
    const server = createHttp2Server.apply(this, args);
    server.on('stream', (stream, headers) => {
        // registered before grpc-js's own listener; grpc-js pauses the stream right after, and both listeners see
        // the same chunks once it resumes
        stream.once('data', (chunk) => {
            emit({
                event: 'grpc-wire',
                path: headers[':path'],
                grpcEncoding: headers['grpc-encoding'] ?? null,
                compressedFlag: chunk.length > 0 ? chunk.readUInt8(0) : null,
            });
        });
    });
    return server;
};

const {MockOtlpServer, normalizeTrace} = require('@elastic/mockotlpserver');

// mockotlpserver's default logger writes to stdout; keep stdout for our event lines only.
const LEVELS = {trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60};
let threshold = LEVELS.warn;
function logAt(name) {
    return (...args) => {
        if (LEVELS[name] >= threshold) {
            const parts = args.map((a) =>
                typeof a === 'string' ? a : safeJson(a)
            );
            process.stderr.write(`mockotlpserver ${name}: ${parts.join(' ')}\n`);
        }
    };
}
function safeJson(v) {
    try {
        return JSON.stringify(v, (k, x) =>
            x instanceof Error ? {name: x.name, message: x.message} : x
        );
    } catch (e) {
        return String(v);
    }
}
const log = {
    level(l) {
        if (l === undefined) {
            return threshold;
        }
        threshold = typeof l === 'number' ? l : LEVELS[l] ?? threshold;
        return threshold;
    },
};
for (const name of Object.keys(LEVELS)) {
    log[name] = logAt(name);
}

function headersOf(req) {
    if (req.headers) {
        return req.headers;
    }
    if (req.metadata && typeof req.metadata.getMap === 'function') {
        const out = {};
        for (const [k, v] of Object.entries(req.metadata.getMap())) {
            out[k] = Buffer.isBuffer(v) ? v.toString('base64') : String(v);
        }
        return out;
    }
    return {};
}

const server = new MockOtlpServer({
    log,
    services: ['http', 'grpc'],
    httpHostname: '127.0.0.1',
    httpPort: 0,
    grpcHostname: '127.0.0.1',
    grpcPort: 0,
    onTrace: (trace) => emit({event: 'trace', data: normalizeTrace(trace)}),
    onRequest: (req) =>
        emit({
            event: 'request',
            transport: req.transport,
            path: req.path,
            headers: headersOf(req),
        }),
});

// mockotlpserver decodes OTLP/HTTP bodies after answering, outside any try/catch: a body it cannot decode
// (e.g. Content-Encoding: gzip, which it does not support) would otherwise kill the process.
process.on('uncaughtException', (err) => {
    emit({event: 'error', message: String((err && err.stack) || err)});
});

let closing = false;
function stop() {
    if (closing) {
        return;
    }
    closing = true;
    server
        .close()
        .catch(() => {})
        .then(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// The parent JVM dying closes our stdin: do not outlive it.
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();

server.start().then(
    () =>
        emit({
            event: 'ready',
            http: String(server.httpUrl),
            grpc: String(server.grpcUrl),
        }),
    (err) => {
        process.stderr.write(`mockotlpserver failed to start: ${err && err.stack}\n`);
        process.exit(1);
    }
);
