export { FontanaExactClient, fontanaClientConfig, readChallenge, type FontanaExactClientOptions } from "./client.js";
export {
  ADDRESS_HRP, bytesToHex, challengeHash, decodeAddress, encodeAddress, encodeChallenge, encodeTransferBody, hexToBytes,
  parseOutPoint, seedFromWalletFile, signTransfer, verifyChallenge, type FontanaChallenge, type OutPoint, type Transfer,
} from "./encoding.js";
export { addressOfSeed, FontanaExactServer, parseTia, type FontanaExactServerOptions } from "./server.js";
export { isInputSpentRefusal, retryOnInputSpent, type RetryOnInputSpentOptions } from "./retry.js";
