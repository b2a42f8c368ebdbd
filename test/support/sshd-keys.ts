// Key generation with the real ssh-keygen lives in main/lab (shared with `opsroom lab`).
export { generateKeyPair, writeKey, fingerprintOfFile, type LabKeyPair, type LabKeyType } from '../../main/lab/keys';
