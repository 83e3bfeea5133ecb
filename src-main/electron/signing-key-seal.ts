// The station's private signing key under the OS keystore (Electron's safeStorage: DPAPI on
// Windows, the Keychain on macOS, libsecret/kwallet on Linux). On start the app seals a key that is
// still only protected by the file's mode, then unseals it and hands it to the station core (which
// runs in a utility process, where safeStorage is not available). Where the keystore is not
// available the key stays as it is (file mode 0600). docs/signed-gate-passes.md
import { safeStorage } from 'electron';
import { readSigningKeyFile, writeSigningKeyFile } from '../../db/admin/signing-key-file.ts';

/** The private key's PKCS#8 DER for the core, or null when the keystore is not available. */
export async function unsealSigningKey(stationDir: string): Promise<Buffer | null> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return null;
  // A station without a key gets one from its core on first start; it is sealed on the next start.
  const file = readSigningKeyFile(stationDir);
  if (!file) return null;
  if (file.privateKey.protection === 'file') {
    const pkcs8 = file.privateKey.pkcs8;
    const sealed = (await safeStorage.encryptStringAsync(pkcs8)).toString('base64');
    writeSigningKeyFile(stationDir, { ...file, privateKey: { protection: 'os-keystore', sealed } });
    return Buffer.from(pkcs8, 'base64');
  }
  const { result } = await safeStorage.decryptStringAsync(Buffer.from(file.privateKey.sealed, 'base64'));
  return Buffer.from(result, 'base64');
}
