/**
 * Personal-data protection in one place: masking for display, the scrubber for logs and errors,
 * field encryption and keyed hashes at rest, and the keys behind them. Everything that shows,
 * stores or logs personal data imports from here; nothing here touches the database.
 */
export { maskIdNumber, maskPhone, maskText } from './mask.ts';
export { redactedLogPaths, scrubbed } from './scrub.ts';
export { createFieldCipher, keyIdOf, type FieldCipher, type HashKind } from './cipher.ts';
export { addKeyToFile, keepKeysInFile, keyFile, resolveKeyRing } from './keys.ts';
