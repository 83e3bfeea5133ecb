// Run from Node (the `amms station app` command): the 'electron' package resolves to the path of
// the Electron binary that its installer downloaded.
export async function electronBinaryPath(): Promise<string> {
  const electronModule = (await import('electron')) as unknown as { default: unknown };
  if (typeof electronModule.default !== 'string') {
    throw new Error(
      'The Electron binary is not installed (was ELECTRON_SKIP_BINARY_DOWNLOAD set?). Run: npm rebuild electron',
    );
  }
  return electronModule.default;
}
