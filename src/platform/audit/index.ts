/** The tamper-evident audit log: entries, Merkle tree, signed checkpoints and proofs. */
export { auditMigrations, type AuditTables } from './schema';
export { AuditErrors } from './errors';
export {
  AuditLog,
  MAX_ENTRIES_PER_CALL,
  type AuditLogOptions,
  type ConsistencyProofResponse,
  type InclusionProofResponse,
  type StoredEntry,
  type TreeHead,
} from './store';
export type { AuditProblem, AuditVerification } from './verify-log';
export {
  AuditEntrySchema,
  assertAuditEntry,
  auditNow,
  completeAuditEntry,
  decodeAuditEntry,
  encodeAuditEntry,
  type AuditActor,
  type AuditEntry,
  type AuditEntryInput,
  type AuditOutcome,
  type AuditResource,
} from './entry';
export {
  noteKeyId,
  parseCheckpointBody,
  parseVerifierKey,
  rawEd25519PublicKey,
  signCheckpoint,
  signNote,
  verifierKey,
  verifyCheckpoint,
  verifyNote,
  type CheckpointSigner,
  type VerifiedCheckpoint,
} from './checkpoint';
export {
  fromBase64,
  rootFromEntries,
  toBase64,
  verifyConsistency,
  verifyInclusion,
  webCryptoSha256,
  type Sha256,
} from './verify';
