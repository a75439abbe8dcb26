/*
 * An empty stand-in for Node's types, for the browser programs only (tsconfig.desk.json and
 * tsconfig.dashboard.json point typeRoots here). The desk's renderer and the dashboard run in a browser, which has no Node, but
 * @types/papaparse asks for Node's types (`/// <reference types="node" />`), and with them code
 * that uses `process`, `Buffer` or `require` would still type-check. This file answers that
 * reference, so such code fails in the browser programs. What the library's own types say about
 * Node is not checked (skipLibCheck).
 */
