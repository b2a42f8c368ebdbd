export * from './types';
export { parseKnownHosts } from './parser';
export { serializeKnownHosts, serializeEntry, type SerializeOptions } from './serializer';
export { hashHost, formatHashed, parseHashed, hashedMatches } from './hashed';
export { hostString, matchPattern, matchPatternList, hostsMatch } from './matcher';
export { verdictFor, type HostKeyVerdict } from './lookup';
export { knownHostKeyTypes, blobKeyType, decodeKeyBase64 } from './key-blob';
