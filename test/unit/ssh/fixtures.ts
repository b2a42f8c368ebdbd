// Real keys and `ssh-keygen -H` output captured from OpenSSH 9.2, so unit
// tests check against OpenSSH's own answers without spawning it.
export const ED25519 = 'AAAAC3NzaC1lZDI1NTE5AAAAIG3Yt26Niw1oHHieirmsZ57WEQlp/khPS32SEcW+hDgH';
export const ED25519_FP = 'SHA256:J3fUHpuJxU4Freyycp+a9px4s75omOk6jZzD1SKaA8A';
export const ECDSA =
  'AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBD7480d8PCATknjZO6YYhRbt4xq4jaWufHm6czExTENtNCUv7sXGBYHCmG0nnxm7T5ESIh7ZkLjt/Srpkiq5rak=';
export const ECDSA_FP = 'SHA256:e8WtWJDsSi594dbX3TM8gCjBXV9M/CsapSdiMTCbJkE';
/** `ssh-keygen -H` of "example.com ED25519" and "[db.example.com]:2222 ECDSA". */
export const HASHED_EXAMPLE_COM = '|1|badTLiVmci/AXcYTcIjP8Lu3CXg=|OPfrfgrlGL6o3UWVT/GL7gkXsvA=';
export const HASHED_DB_2222 = '|1|8KWBvUPS6RmbrpqnfJtrglc3EwM=|AV1grwP55rAit6Wo2YWYEd0w3A8=';

/** A syntactically valid key blob of the given type (for generated entries). */
export function fakeBlob(type: string, body: Uint8Array): Buffer {
  const t = Buffer.from(type, 'latin1');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(t.length);
  return Buffer.concat([len, t, Buffer.from(body)]);
}
