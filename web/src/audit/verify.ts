/**
 * The RFC 9162 proof verifiers shared with the server: pure functions that take the hash as a
 * parameter, so the browser runs the very same code with WebCrypto.
 */
export * from '../../../src/platform/audit/verify';
